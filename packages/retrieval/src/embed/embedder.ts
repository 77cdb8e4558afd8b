/** Turns texts into vectors. Implementations batch internally; callers may pass any number of texts. */
export interface Embedder {
  /** A stable name: embeddings are stored per model name, so a new model never mixes with the old. */
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], ctx?: { signal?: AbortSignal }): Promise<number[][]>;
  /**
   * Questions (and calibration's pseudo-questions), when they are better embedded another way
   * than the stored texts, into the same space: a fitted static table reads questions with the
   * model it imitates. Absent, questions go through `embed`. Callers use embedQueries below.
   */
  embedQueries?(texts: string[], ctx?: { signal?: AbortSignal }): Promise<number[][]>;
}

/** Embeds questions the way the embedder wants them embedded (Embedder.embedQueries, else embed). */
export function embedQueries(embedder: Embedder, texts: string[], ctx?: { signal?: AbortSignal }): Promise<number[][]> {
  return embedder.embedQueries ? embedder.embedQueries(texts, ctx) : embedder.embed(texts, ctx);
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
