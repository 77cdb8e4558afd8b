import { customTypes, detect } from './detect.js';
import { hashValue, maskValue } from './mask.js';
import { formatPlaceholder, LITERAL_TYPE, placeholderPattern, placeholderTypes } from './placeholders.js';
import type { DetectOptions, PiiSpan } from './types.js';

/** How a detected value is replaced. Only 'placeholder' can be restored. */
export type RedactMode = 'placeholder' | 'mask' | 'hash' | 'remove';

/** Placeholder key (e.g. "EMAIL_1", without brackets) to original value; keep it in memory only. */
export type PiiMapping = Readonly<Record<string, string>>;

/** Options for redact: detection options plus the mode and the conversation's mapping so far. */
export interface RedactOptions extends DetectOptions {
  mode?: RedactMode;
  /** The mapping from earlier messages of the same conversation, so a value keeps its placeholder. */
  mapping?: PiiMapping;
  /** Salt for 'hash' mode, so pseudonyms differ between deployments. */
  hashSalt?: string;
}

/** The redacted text, the (extended) mapping, and the spans that were replaced. */
export interface RedactResult {
  text: string;
  mapping: PiiMapping;
  spans: PiiSpan[];
}

/**
 * Replaces PII with typed, numbered placeholders (or masks, hashes, nothing).
 * Text that already looks like a placeholder is escaped as <LITERAL_n>, so restore gives it back verbatim.
 * @example redact('mail ana@example.com').text // 'mail <EMAIL_1>'
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const mode = options.mode ?? 'placeholder';
  const mapping: Record<string, string> = { ...(options.mapping ?? {}) };
  const literals = literalSpans(text, [...customTypes(options), ...typesIn(mapping)]);
  const detected = detect(text, options).filter((s) => !literals.some((l) => s.start < l.end && l.start < s.end));
  const spans = [...literals, ...detected].sort((a, b) => a.start - b.start);
  const numbering = createNumbering(mapping);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.start);
    out += replacement(span, mode, options.hashSalt ?? '', numbering);
    cursor = span.end;
  }
  out += text.slice(cursor);
  return {
    text: out,
    mapping: mode === 'placeholder' ? numbering.mapping : { ...(options.mapping ?? {}) },
    spans: detected,
  };
}

function replacement(span: PiiSpan, mode: RedactMode, salt: string, numbering: Numbering): string {
  if (span.type === LITERAL_TYPE) return mode === 'placeholder' ? numbering.placeholderFor(span) : span.value;
  if (mode === 'mask') return maskValue(span);
  if (mode === 'hash') return hashValue(span, salt);
  if (mode === 'remove') return '';
  return numbering.placeholderFor(span);
}

interface Numbering {
  mapping: Record<string, string>;
  placeholderFor(span: PiiSpan): string;
}

// The same (type, value) always gets the same number; new values continue after the highest number in use.
function createNumbering(mapping: Record<string, string>): Numbering {
  const byValue = new Map<string, string>();
  const highest = new Map<string, number>();
  for (const [key, value] of Object.entries(mapping)) {
    const m = /^(.*)_(\d+)$/.exec(key);
    if (m?.[1] === undefined) continue;
    byValue.set(`${m[1]}\u0000${value}`, key);
    highest.set(m[1], Math.max(highest.get(m[1]) ?? 0, Number(m[2])));
  }
  return {
    mapping,
    placeholderFor(span) {
      const id = `${span.type}\u0000${span.value}`;
      let key = byValue.get(id);
      if (key === undefined) {
        const n = (highest.get(span.type) ?? 0) + 1;
        highest.set(span.type, n);
        key = `${span.type}_${n}`;
        byValue.set(id, key);
        mapping[key] = span.value;
      }
      const [, type = span.type, n = '0'] = /^(.*)_(\d+)$/.exec(key) ?? [];
      return formatPlaceholder(type, Number(n));
    },
  };
}

function typesIn(mapping: PiiMapping): string[] {
  return Object.keys(mapping).map((k) => k.replace(/_\d+$/, ''));
}

function literalSpans(text: string, extraTypes: readonly string[]): PiiSpan[] {
  if (!text.includes('_')) return [];
  return [...text.matchAll(placeholderPattern(placeholderTypes(extraTypes)))].map((m) => ({
    type: LITERAL_TYPE,
    start: m.index,
    end: m.index + m[0].length,
    value: m[0],
    score: 1,
    detector: 'literal-placeholder',
  }));
}
