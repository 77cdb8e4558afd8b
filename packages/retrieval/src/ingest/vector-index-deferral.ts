import type { Queryable } from '@support/db';
import { countEmbeddings, dropVectorIndex, type EmbeddingModel, ensureVectorIndex } from '../queries/embeddings.js';

/** Vectors a run writes with the HNSW index in place before it considers a bulk load at all. */
const BULK_LOAD_MINIMUM = 500;

/**
 * Decides, during one index run, whether to drop the model's HNSW index and build it once at
 * the end. Inserting vectors into HNSW one by one was the largest cost of an index run (on
 * embedded PGlite with the static embedder, about 40% of the database time), while a build over
 * the same vectors costs a fraction of it. The index is dropped once the run has written at
 * least BULK_LOAD_MINIMUM vectors and at least as many as the model held before the run: a
 * first import or a re-import, never a small edit of a large knowledge base, whose rebuild would
 * cost more than it saves. Small runs never pay the count either.
 */
export interface VectorIndexDeferral {
  /** Call before writing `count` vectors of `model`. */
  beforeWrite(model: EmbeddingModel, count: number): Promise<void>;
  /** Builds the index again if this run dropped it. */
  finish(): Promise<void>;
}

export function deferVectorIndex(db: Queryable): VectorIndexDeferral {
  let written = 0;
  let storedBeforeRun: number | undefined;
  let dropped: EmbeddingModel | undefined;
  return {
    async beforeWrite(model, count) {
      const before = written;
      written += count;
      if (dropped !== undefined || written < BULK_LOAD_MINIMUM) return;
      storedBeforeRun ??= (await countEmbeddings(db, model.id)) - before;
      if (written < storedBeforeRun) return;
      await dropVectorIndex(db, model.id);
      dropped = model;
    },
    async finish() {
      if (dropped === undefined) return;
      await ensureVectorIndex(db, dropped);
      dropped = undefined;
    },
  };
}
