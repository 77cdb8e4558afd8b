import type { RankedChunk } from '../queries/search.js';

/** Where a fused hit stood in each branch (1-based rank), for explaining a result. */
export interface BranchRanks {
  keyword?: { rank: number; score: number };
  vector?: { rank: number; score: number };
}

/** A chunk after fusion, best first. */
export interface FusedChunk extends BranchRanks {
  chunkId: number;
  score: number;
}

/** How the two branches are combined. */
export interface FusionOptions {
  /** rrf: weighted reciprocal rank fusion. score: weighted sum of per-query normalised scores. */
  method: 'rrf' | 'score';
  keywordWeight: number;
  vectorWeight: number;
  /** RRF's damping constant. */
  rrfK?: number;
  /**
   * With `score`: the knowledge base's typical spread of cosine scores over a query's candidates
   * (from calibration). Vector scores are then measured in this unit above the query's weakest
   * candidate instead of stretched over 0..1, so a query whose vector candidates all score alike
   * barely moves the fused ranking, and one with a clear winner moves it more.
   */
  vectorSpread?: number;
}

/**
 * Combines keyword and vector results. With `score`, BM25 is divided by the query's best BM25
 * score, so a flat keyword list (every candidate near the best) adds nearly the same to each; the
 * cosine is measured from the query's weakest candidate, in units of `vectorSpread` when the
 * knowledge base is calibrated (else stretched over the candidates' range).
 * @example fuse(keywordHits, vectorHits, { method: 'rrf', keywordWeight: 1, vectorWeight: 1 })
 */
export function fuse(keyword: RankedChunk[], vector: RankedChunk[], options: FusionOptions): FusedChunk[] {
  const byId = new Map<number, FusedChunk>();
  const entry = (chunkId: number) => {
    let fused = byId.get(chunkId);
    if (fused === undefined) {
      fused = { chunkId, score: 0 };
      byId.set(chunkId, fused);
    }
    return fused;
  };
  const rrfK = options.rrfK ?? 60;
  const add = (list: RankedChunk[], branch: 'keyword' | 'vector', weight: number) => {
    const best = list[0]?.score ?? 0;
    const worst = list.at(-1)?.score ?? 0;
    list.forEach((hit, i) => {
      const fused = entry(hit.chunkId);
      fused[branch] = { rank: i + 1, score: hit.score };
      fused.score +=
        weight *
        (options.method === 'rrf'
          ? 1 / (rrfK + i + 1)
          : normalise(hit.score, best, worst, branch, options.vectorSpread));
    });
  };
  add(keyword, 'keyword', options.keywordWeight);
  add(vector, 'vector', options.vectorWeight);
  return [...byId.values()].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}

// BM25 has no fixed scale: divide by the best score. Cosine similarities of one embedder crowd
// into a narrow band: without a calibrated spread, stretch them over the candidates' range.
function normalise(
  score: number,
  best: number,
  worst: number,
  branch: 'keyword' | 'vector',
  spread: number | undefined,
): number {
  if (branch === 'keyword') return best > 0 ? score / best : 0;
  if (spread !== undefined && spread > 0) return (score - worst) / spread;
  return best > worst ? (score - worst) / (best - worst) : 1;
}

/** Keeps the best-scoring chunk of each article, in order. */
export function bestChunkPerArticle<T extends { articleKey: string }>(hits: T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    if (seen.has(hit.articleKey)) return false;
    seen.add(hit.articleKey);
    return true;
  });
}
