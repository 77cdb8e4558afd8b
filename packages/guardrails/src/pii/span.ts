import type { PiiSpan, PiiType } from './types.js';

/** Builds a span from a regex match, or null when `accept` rejects the matched value. */
export function spansFromRegex(
  text: string,
  pattern: RegExp,
  type: PiiType,
  detector: string,
  score: (value: string, start: number) => number | null,
): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  for (const match of text.matchAll(new RegExp(pattern.source, flags))) {
    const value = match[0];
    const start = match.index;
    if (value.length === 0) continue;
    const s = score(value, start);
    if (s !== null) spans.push({ type, start, end: start + value.length, value, score: s, detector });
  }
  return spans;
}

/** The text in a window before `start`, lower-cased, for context cues. */
export function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

/** The text in a window after `end`, lower-cased. */
export function after(text: string, end: number, width: number): string {
  return text.slice(end, end + width).toLowerCase();
}

/** Keeps only the digits of a value. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
