import { placeholderPattern } from './placeholders.js';
import type { PiiMapping } from './redact.js';

const CANONICAL = /<([A-Z][A-Z0-9_]*_\d+)>/g;

/**
 * Puts the original values back. Canonical <TYPE_n> tokens are replaced first; in the text between
 * them, reformatted ones a model may write (TYPE_n, [TYPE_n], {{TYPE_n}}) are replaced too.
 * Unknown placeholders are left as they are.
 * @example restore('Hi <PERSON_1>, EMAIL_1 noted', { PERSON_1: 'Ana', EMAIL_1: 'a@b.io' }) // 'Hi Ana, a@b.io noted'
 */
export function restore(text: string, mapping: PiiMapping): string {
  const keys = Object.keys(mapping);
  if (keys.length === 0) return text;
  const loose = placeholderPattern(keys.map((k) => k.replace(/_\d+$/, '')));
  let out = '';
  let cursor = 0;
  for (const m of text.matchAll(CANONICAL)) {
    const value = m[1] === undefined ? undefined : mapping[m[1]];
    if (value === undefined) continue;
    out += restoreLoose(text.slice(cursor, m.index), mapping, loose) + value;
    cursor = m.index + m[0].length;
  }
  return out + restoreLoose(text.slice(cursor), mapping, loose);
}

function restoreLoose(segment: string, mapping: PiiMapping, loose: RegExp): string {
  if (!segment.includes('_')) return segment;
  return segment.replace(loose, (whole, type: string, n: string) => mapping[`${type}_${n}`] ?? whole);
}
