/** Turns texts into vectors. Implementations batch internally; callers may pass any number of texts. */
export interface Embedder {
  /** A stable name: embeddings are stored per model name, so a new model never mixes with the old. */
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], ctx?: { signal?: AbortSignal }): Promise<number[][]>;
}

/** Embeds `texts` in slices of `batchSize`, preserving order. */
export async function embedInBatches(
  texts: string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<number[][]>,
): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += batchSize) out.push(...(await embedBatch(texts.slice(i, i + batchSize))));
  return out;
}
