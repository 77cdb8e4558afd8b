import { createHash } from 'node:crypto';
import type { PiiSpan } from './types.js';

const KEEP_LAST_FOUR = new Set(['CREDIT_CARD', 'IBAN', 'PHONE', 'US_SSN']);

/** Masks a value so a person can still tell which one it was: ****-****-****-1234, j***@example.com. */
export function maskValue(span: PiiSpan): string {
  const { type, value } = span;
  if (type === 'CREDIT_CARD') return `****-****-****-${value.replace(/\D/g, '').slice(-4)}`;
  if (type === 'EMAIL') {
    const at = value.lastIndexOf('@');
    return `${value.slice(0, 1)}***${value.slice(at)}`;
  }
  if (KEEP_LAST_FOUR.has(type)) {
    let keep = 4;
    return [...value]
      .reverse()
      .map((ch) => (/[\p{L}\p{N}]/u.test(ch) ? (keep-- > 0 ? ch : '*') : ch))
      .reverse()
      .join('');
  }
  return value.replace(/[^\s]/g, '*');
}

/** A stable, salted, non-reversible pseudonym such as <EMAIL_3f9a1c2b>. */
export function hashValue(span: PiiSpan, salt: string): string {
  const digest = createHash('sha256').update(`${salt}\u0000${span.type}\u0000${span.value}`).digest('hex');
  return `<${span.type}_${digest.slice(0, 8)}>`;
}
