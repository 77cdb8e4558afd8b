import type { RankedChunk } from '../queries/search.js';
import { fuse } from './fuse.js';

/** One pseudo-query's branch results and the article it was cut from. */
export interface CalibrationSample {
  keyword: RankedChunk[];
  vector: RankedChunk[];
  /** The article the pseudo-query must lead back to. */
  articleId: number;
}

/** What calibration chose, and the figures it chose from. */
export interface ChosenWeights {
  keywordWeight: number;
  vectorWeight: number;
  vectorSpread: number;
  keywordNdcg: number;
  vectorNdcg: number;
  hybridNdcg: number;
}

/** Vector weights tried (keyword weight 1). */
const VECTOR_WEIGHTS = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.25, 1.5, 2, 3];
/** Below this many pseudo-queries the figures say too little: the knowledge base stays uncalibrated. */
export const MIN_PSEUDO_QUERIES = 30;
/** nDCG@10 on pseudo-queries a larger vector weight may give up (see chooseFusionWeights). */
const TOLERANCE = 0.005;
/** Standard errors the mean gain must clear: a one-sided paired test at 5% (see chooseFusionWeights). */
const MIN_GAIN_T = 1.645;
/** Spread used when the samples give none (every list empty or flat). */
const FALLBACK_SPREAD = 0.2;

/**
 * Picks fusion weights from pseudo-query results, by nDCG@10 of the source article (keyword
 * weight 1, vector weight from a grid):
 * - the vector side is kept only if its best mix raises mean nDCG@10 over keyword search alone by
 *   more than MIN_GAIN_T standard errors of the per-query differences (a one-sided paired test at
 *   5%). Counting wins and losses (session 3's sign test) ignored how much each query moved: on
 *   package READMEs USE-lite won 17 to 10 by small steps (+0.009 mean, 1.5 standard errors) and
 *   cost its heading questions 0.003 to 0.010 (sessions 4, 5); on the stackfaq slice it gains
 *   0.013 at 1.9 errors, on stackfaq 0.016 at 2.2, on the sample knowledge base 0.058 at 3.0.
 *   (The slice once gave 1.5 on PostgreSQL 15: its stemmer differed from PGlite's on "added";
 *   migration 0019 stems such words alike, so the same corpus gives the same t on both);
 * - then the largest weight within 0.005 of the best is taken, because pseudo-queries are cut
 *   from the articles' own words and so flatter keyword search more than real questions do.
 * Undefined with fewer than MIN_PSEUDO_QUERIES pseudo-queries.
 */
export function chooseFusionWeights(
  samples: readonly CalibrationSample[],
  articleOf: ReadonlyMap<number, number>,
): ChosenWeights | undefined {
  if (samples.length < MIN_PSEUDO_QUERIES) return undefined;
  const vectorSpread = medianSpread(samples);
  const perQuery = (vectorWeight: number) =>
    ndcgPerSample(samples, articleOf, (s) =>
      fuse(s.keyword, s.vector, { method: 'score', keywordWeight: 1, vectorWeight, vectorSpread }),
    );
  const keywordAlone = ndcgPerSample(samples, articleOf, (s) => s.keyword);
  const keywordNdcg = mean(keywordAlone);
  const vectorNdcg = mean(ndcgPerSample(samples, articleOf, (s) => s.vector));
  const grid = VECTOR_WEIGHTS.map((w) => perQuery(w));
  const means = grid.map(mean);
  const chosen = (vectorWeight: number, hybridNdcg: number) => ({
    keywordWeight: 1,
    vectorWeight,
    vectorSpread,
    keywordNdcg,
    vectorNdcg,
    hybridNdcg,
  });
  let best = 0;
  means.forEach((m, i) => {
    if (m > (means[best] ?? 0)) best = i;
  });
  const gains = (grid[best] ?? []).map((v, i) => v - (keywordAlone[i] ?? 0));
  if (!clearlyPositive(gains)) return chosen(0, keywordNdcg);
  let widest = best;
  means.forEach((m, i) => {
    if (i > widest && m >= (means[best] ?? 0) - TOLERANCE) widest = i;
  });
  return chosen(VECTOR_WEIGHTS[widest] ?? 0, means[widest] ?? 0);
}

// Whether the mean of per-query differences is above zero by more than MIN_GAIN_T standard errors.
function clearlyPositive(gains: readonly number[]): boolean {
  const average = mean(gains);
  if (average <= 0 || gains.length < 2) return false;
  const variance = gains.reduce((sum, g) => sum + (g - average) ** 2, 0) / (gains.length - 1);
  return average > MIN_GAIN_T * Math.sqrt(variance / gains.length);
}

// Median distance between the best and the weakest cosine of a query's candidates.
function medianSpread(samples: readonly CalibrationSample[]): number {
  const spreads = samples
    .filter((s) => s.vector.length > 1)
    .map((s) => (s.vector[0]?.score ?? 0) - (s.vector.at(-1)?.score ?? 0))
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  return spreads[Math.floor(spreads.length / 2)] ?? FALLBACK_SPREAD;
}

function ndcgPerSample(
  samples: readonly CalibrationSample[],
  articleOf: ReadonlyMap<number, number>,
  rank: (sample: CalibrationSample) => { chunkId: number }[],
): number[] {
  return samples.map((sample) => {
    const seen = new Set<number>();
    for (const hit of rank(sample)) {
      const article = articleOf.get(hit.chunkId);
      if (article === undefined || seen.has(article)) continue;
      seen.add(article);
      if (article === sample.articleId) return 1 / Math.log2(seen.size + 1);
      if (seen.size >= 10) break;
    }
    return 0;
  });
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
