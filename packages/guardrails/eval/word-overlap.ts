import { contentTokens } from '../src/grounding/tokens.js';

/** The baseline: the share of the answer's content words (stemmed, stopwords out) found in its sources. */
export function wordOverlap(answer: string, sources: readonly string[]): number {
  const claim = contentTokens(answer);
  if (claim.length === 0) return 1;
  const found = new Set(sources.flatMap((s) => contentTokens(s)));
  return claim.filter((t) => found.has(t)).length / claim.length;
}
