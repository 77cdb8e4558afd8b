import type { SearchHit } from '@support/retrieval';

/**
 * The best cosine similarity among the hits' vector matches, or null when the vector branch
 * found nothing (vector search off, or no embeddings). Fused scores cannot serve here: each
 * query's scores are normalised to its own best hit, so they have no absolute scale.
 */
export function bestSimilarity(hits: readonly SearchHit[]): number | null {
  let best: number | null = null;
  for (const hit of hits) {
    const score = hit.ranks.vector?.score;
    if (score !== undefined && (best === null || score > best)) best = score;
  }
  return best;
}

/**
 * Whether retrieval found something relevant enough to answer from. Without any similarity
 * (vector search off) a keyword match is all there is to go on. `pnpm eval abstention` measures
 * the threshold.
 */
export function isRelevant(hits: readonly SearchHit[], minSimilarity: number): boolean {
  if (hits.length === 0) return false;
  const best = bestSimilarity(hits);
  if (best === null) return hits.some((h) => h.ranks.keyword !== undefined);
  return best >= minSimilarity;
}
