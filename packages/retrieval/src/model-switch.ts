import { AppError, type Queryable } from '@support/db';
import type { Embedder } from './embed/embedder.js';
import { chunkEmbedText } from './ingest/content-hash.js';
import {
  activateModel,
  countChunksWithoutEmbedding,
  type EmbeddingModel,
  findChunksWithoutEmbedding,
  insertEmbeddings,
} from './queries/embeddings.js';
import type { FusionCalibration } from './queries/fusion.js';

// Moving to another embedding model: its vectors are filled beside the active model's (searches
// keep reading the active one), its fusion weights calibrated on them, then one statement switches.

/** What filling and switching need from the retrieval service. */
export interface ModelSwitchDeps {
  db: Queryable;
  embedder: Embedder;
  /** The embedder's model, registered. */
  model: () => Promise<EmbeddingModel>;
  /** Calibrates fusion weights for that model on its own vectors, active or not. */
  calibrate: (model: EmbeddingModel) => Promise<FusionCalibration | undefined>;
}

/** Texts embedded per call and written per statement, unless told otherwise: a crash loses at most one batch. */
const BATCH = 64;

/**
 * Embeds every chunk text that has no vector of the model yet, a batch at a time, each batch
 * committed on its own: an interrupted fill resumes where it stopped. Returns how many it embedded.
 */
export async function fillModel(
  deps: ModelSwitchDeps,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; batchSize?: number } = {},
): Promise<number> {
  const target = await deps.model();
  const total = await countChunksWithoutEmbedding(deps.db, target.id);
  let done = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const missing = await findChunksWithoutEmbedding(deps.db, target.id, options.batchSize ?? BATCH);
    if (missing.length === 0) return done;
    const texts = missing.map((m) => chunkEmbedText(m.title, m.headingPath, m.text));
    const vectors = await deps.embedder.embed(texts, options.signal ? { signal: options.signal } : {});
    await insertEmbeddings(
      deps.db,
      target.id,
      missing.map((m, i) => ({ hash: m.hash, vector: vectors[i] ?? [] })),
    );
    done += missing.length;
    // Chunks indexed meanwhile by a process on the old model add to the total.
    options.onProgress?.(done, Math.max(total, done));
  }
}

/**
 * Makes the model the one searches read: calibrates its fusion weights first (so the switch
 * brings its own weights, not the old model's), then switches in one statement that refuses
 * while any chunk lacks its vector. A `conflict` names what is missing and what to run.
 */
export async function switchToModel(deps: ModelSwitchDeps): Promise<{ calibration: FusionCalibration | undefined }> {
  const target = await deps.model();
  const missing = await countChunksWithoutEmbedding(deps.db, target.id);
  if (missing > 0) throw missingError(target, missing);
  const calibration = await deps.calibrate(target);
  if (!(await activateModel(deps.db, target.id))) {
    throw missingError(target, await countChunksWithoutEmbedding(deps.db, target.id));
  }
  return { calibration };
}

function missingError(model: EmbeddingModel, missing: number): AppError {
  return new AppError(
    'conflict',
    `model ${model.name} is missing embeddings for ${missing} chunk text(s); run "pnpm kb reembed" first`,
  );
}
