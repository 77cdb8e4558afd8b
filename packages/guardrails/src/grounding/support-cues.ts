import type { PreparedSource } from './evidence.js';
import { NEGATIONS } from './tokens.js';

// Absolute and superlative words: a claim that adds "only", "first" or "largest" to what a source
// says overstates it, and these words are where generated answers most often overreach.
const ABSOLUTE = new Set(
  `only first last largest biggest smallest oldest youngest best worst most least always never every all entire
  sole unique greatest highest lowest longest shortest fastest earliest latest main primary`.split(/\s+/),
);

/** 1 when the claim uses an absolute or superlative word the best window does not. */
export function absoluteMismatch(claimWords: readonly string[], windowWords: readonly string[]): number {
  const used = claimWords.filter((w) => ABSOLUTE.has(w));
  if (used.length === 0) return 0;
  return used.some((w) => !windowWords.includes(w)) ? 1 : 0;
}

/** 1 when exactly one of claim and window carries a negation: a weak polarity cue, whatever the overlap. */
export function negationMismatch(claimWords: readonly string[], windowWords: readonly string[]): number {
  const negated = (ws: readonly string[]) => ws.some((w) => NEGATIONS.has(w));
  return negated(claimWords) === negated(windowWords) ? 0 : 1;
}

/** How many sources each contain at least 70% of the claim's rarity-weighted words: agreement across passages. */
export function agreeingSources(
  unique: readonly string[],
  weights: readonly number[],
  evidence: readonly PreparedSource[],
): number {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return evidence.length;
  let n = 0;
  for (const e of evidence)
    if (weights.reduce((a, w, k) => a + (e.tokens.has(unique[k] ?? '') ? w : 0), 0) / sum >= 0.7) n++;
  return n;
}

/** Mean over sources of the rarity-weighted share of the claim's words each contains. */
export function meanSourceCoverage(
  unique: readonly string[],
  weights: readonly number[],
  evidence: readonly PreparedSource[],
): number {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || evidence.length === 0) return 1;
  let total = 0;
  for (const e of evidence) total += weights.reduce((a, w, k) => a + (e.tokens.has(unique[k] ?? '') ? w : 0), 0) / sum;
  return total / evidence.length;
}
