/** Relevance judgments: query id -> (doc id -> grade). */
export type Qrels = Map<string, Map<string, number>>;

/** nDCG@k with graded gains (2^rel - 1) and the ideal ranking from the judgments. */
export function ndcgAt(ranked: string[], judged: Map<string, number>, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + (2 ** (judged.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(ranked: string[], judged: Map<string, number>, k: number): number {
  const relevant = [...judged].filter(([, rel]) => rel > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Reciprocal rank of the first relevant document within the first k (0 if none). */
export function mrrAt(ranked: string[], judged: Map<string, number>, k: number): number {
  const index = ranked.slice(0, k).findIndex((id) => (judged.get(id) ?? 0) > 0);
  return index === -1 ? 0 : 1 / (index + 1);
}

/** The value below which `p` (0..1) of the sorted values fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}
