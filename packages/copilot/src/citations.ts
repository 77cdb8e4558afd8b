import type { AnswerCitation } from './answer-types.js';

const MARKER = /\s*\[(\d{1,3})\]/g;

/**
 * Keeps only the [n] markers that point at a source the model was given, removes the rest, and
 * returns the sources actually cited, in order of first use.
 */
export function resolveCitations(
  text: string,
  sources: AnswerCitation[],
): { text: string; citations: AnswerCitation[] } {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const used = new Map<number, AnswerCitation>();
  const cleaned = text.replace(MARKER, (marker, digits: string) => {
    const source = byNumber.get(Number(digits));
    if (source === undefined) return '';
    used.set(source.n, source);
    return marker;
  });
  return { text: cleaned, citations: [...used.values()] };
}
