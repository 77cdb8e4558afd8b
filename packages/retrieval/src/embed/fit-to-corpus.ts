import { availableParallelism } from 'node:os';
import { distillStaticTable } from './distill-static-table.js';
import { createLocalEmbedder } from './local-embedder.js';
import type { StaticTable } from './static-table.js';
import { collectTrainingTexts, embedTrainingTexts } from './training-texts.js';

/** How a static table is fitted to a knowledge base's own articles. */
export interface CorpusFitOptions {
  /** At most this many training texts (chunks, sentences, headings); the model's time is the cost. */
  texts?: number;
  dimensions?: number;
  /** A file keeping the model's vectors of the texts, so a stopped run resumes. */
  teacherCache?: string;
  onTexts?: (count: number) => void;
  onProgress?: (stage: 'training texts' | 'vocabulary pieces', done: number, total: number) => void;
  onFitProgress?: (iteration: number, residual: number) => void;
}

/** Fewer texts than this and the fit has too little to learn from: the shipped table is better. */
export const MIN_TRAINING_TEXTS = 100;

/**
 * Fits the static table to folders of articles (`pnpm kb distill --corpus`, and `kb index` of a
 * large source): their chunks and sentences go through USE-lite on every core, the vocabulary's
 * pieces through USE-lite alone, and the table is fitted so a text's mean of pieces lands on
 * USE-lite's vector of it. 10,000 texts: about five minutes on two cores.
 */
export async function fitStaticTableToCorpus(
  folders: readonly string[],
  options: CorpusFitOptions = {},
): Promise<StaticTable> {
  const texts = await collectTrainingTexts(folders, options.texts ?? 10_000);
  options.onTexts?.(texts.length);
  return fitStaticTableToTexts(texts, options, folders.join(', '));
}

/** The fit of fitStaticTableToCorpus on training texts already collected (collectTrainingTextsOf). */
export async function fitStaticTableToTexts(
  texts: readonly string[],
  options: Omit<CorpusFitOptions, 'texts' | 'onTexts'> = {},
  what = 'the source',
): Promise<StaticTable> {
  if (texts.length < MIN_TRAINING_TEXTS)
    throw new Error(
      `${what}: ${texts.length} training texts, at least ${MIN_TRAINING_TEXTS} are needed to fit a table`,
    );
  const model = createLocalEmbedder({ threads: availableParallelism() });
  const vectors = await embedTrainingTexts(texts, model, {
    ...(options.teacherCache === undefined ? {} : { cachePath: options.teacherCache }),
    onProgress: (done, total) => options.onProgress?.('training texts', done, total),
  });
  return distillStaticTable({
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    onProgress: (done, total) => options.onProgress?.('vocabulary pieces', done, total),
    teacher: { texts, vectors },
    ...(options.onFitProgress === undefined ? {} : { onFitProgress: options.onFitProgress }),
  });
}
