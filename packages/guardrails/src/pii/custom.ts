import { spansFromRegex } from './span.js';
import type { DenyList, PiiSpan, RecognizerContext } from './types.js';

function escapeRegex(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Deny-list terms (whole words, case-insensitive) and caller regexes from the options. */
export function detectCustom({ text, options }: RecognizerContext): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const list of options.denyLists ?? []) spans.push(...denyListSpans(text, list));
  for (const r of options.recognizers ?? []) {
    spans.push(
      ...spansFromRegex(text, r.pattern, r.type, `custom:${r.type}`, (value) =>
        r.validate === undefined || r.validate(value) ? (r.score ?? 0.9) : null,
      ),
    );
  }
  return spans;
}

function denyListSpans(text: string, list: DenyList): PiiSpan[] {
  const terms = list.terms.filter((t) => t.trim() !== '').map(escapeRegex);
  if (terms.length === 0) return [];
  // Longest first so "Acme Corp" wins over "Acme"; \p{L} boundaries work for non-ASCII terms.
  terms.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return spansFromRegex(text, pattern, list.type, `deny-list:${list.type}`, () => 1);
}
