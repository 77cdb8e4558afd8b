import type { Pool, Queryable } from '@support/db';
import type { Embedder } from './embed/embedder.js';
import { createEmbedderFromEnv, type EmbedderEnv, type EmbedderRole } from './embed/embedder-env.js';
import { createStaticEmbedder } from './embed/static-embedder.js';
import { decodeStaticTable, encodeStaticTable, type StaticTable } from './embed/static-table.js';
import type { SourceItem } from './ingest/article-input.js';
import type { IndexOptions, IndexSummary } from './ingest/index-articles.js';
import { isUseLiteModel } from './large-source-fit.js';
import { ensureEmbeddingModel, findActiveModelTable, storeModelTable } from './queries/embeddings.js';
import type { FusionCalibration } from './queries/fusion.js';
import { createRetrieval } from './retrieval.js';

// A static table fitted to the knowledge base is a model of its own, and it lives in the database
// with that model: whichever process opens the knowledge base (API, bot, CLI, on any machine)
// embeds with the table its vectors were made with, and no file has to follow it around.

/** Registers the table's model (not active unless it is the first) and stores the table with it. */
export async function storeFittedTable(db: Queryable, table: StaticTable): Promise<void> {
  const model = await ensureEmbeddingModel(db, { name: table.model, dimensions: table.dimensions });
  await storeModelTable(db, model.id, encodeStaticTable(table));
}

/**
 * The embedder for a process that opens the knowledge base. With EMBEDDING_PROVIDER=auto (the
 * default): the static table stored with the active model when the knowledge base was indexed
 * with one (`kb index` of a large source fits it), else USE-lite. Other providers: as configured.
 * `questionModel`, a USE-lite embedder the process already has: it reads the table's questions
 * rather than a second model thread being started.
 */
export async function resolveEmbedder(
  env: EmbedderEnv,
  db: Queryable,
  role: EmbedderRole = {},
  questionModel?: Embedder,
): Promise<Embedder> {
  if (env.EMBEDDING_PROVIDER !== 'auto') return createEmbedderFromEnv(env, role);
  const stored = await findActiveModelTable(db);
  if (stored === undefined) return createEmbedderFromEnv(env, role);
  return createStaticEmbedder({
    table: decodeStaticTable(stored.table, `stored with embedding model ${stored.name}`),
    questions: env.STATIC_EMBEDDER_QUESTIONS,
    ...(questionModel === undefined ? {} : { questionModel: () => questionModel }),
  });
}

/**
 * For createRetrieval's followActiveModel: on EMBEDDING_PROVIDER=auto, a process follows the
 * knowledge base to whatever model it is moved to, table or USE-lite, without a restart. With a
 * provider set explicitly it embeds with that one only.
 */
export function activeModelFollower(
  env: EmbedderEnv,
  db: Queryable,
  role: EmbedderRole = {},
): ((active: string, current: Embedder) => Promise<Embedder | undefined>) | undefined {
  if (env.EMBEDDING_PROVIDER !== 'auto') return undefined;
  // The first USE-lite model this process had keeps serving: as the table's question reader, and
  // again if the knowledge base moves back to it, rather than a second model thread starting.
  let useLite: Embedder | undefined;
  return async (active, current) => {
    if (isUseLiteModel(current.model)) useLite ??= current;
    if (useLite?.model === active) return useLite;
    const next = await resolveEmbedder(env, db, role, useLite);
    return next.model === active ? next : undefined;
  };
}

/** What indexing a source with a table fitted to it did. */
export interface FittedIndexOutcome {
  summary: IndexSummary;
  /** The fitted table's model name, now the one searches read. */
  model: string;
  /** Chunk texts of the rest of the knowledge base embedded with the table. */
  filled: number;
  calibration: FusionCalibration | undefined;
}

/**
 * Indexes a source with a static table fitted to it (fitStaticTableToCorpus) and moves the whole
 * knowledge base to that table: the table is stored with its model, the source indexed with it,
 * the other sources' chunks embedded with it (cheap: no model runs), its fusion weights
 * calibrated, and searches switched in one statement. Until the switch, searches keep reading
 * the model that was active; a run stopped midway leaves a candidate model that the next run, or
 * `pnpm kb reembed --switch`, completes.
 */
export async function indexWithFittedTable(
  pool: Pool,
  table: StaticTable,
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>,
  options: IndexOptions & {
    questions?: 'model' | 'table';
    onFillProgress?: (done: number, total: number) => void;
  },
): Promise<FittedIndexOutcome> {
  await storeFittedTable(pool, table);
  const embedder = createStaticEmbedder({ table, ...(options.questions ? { questions: options.questions } : {}) });
  const retrieval = createRetrieval({ pool, embedder, candidate: true });
  const { questions: _, onFillProgress, ...indexOptions } = options;
  const summary = await retrieval.index(items, indexOptions);
  const filled = await retrieval.backfillEmbeddings({
    ...(onFillProgress === undefined ? {} : { onProgress: onFillProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const { calibration } = await retrieval.activateConfiguredModel();
  return { summary, model: table.model, filled, calibration };
}
