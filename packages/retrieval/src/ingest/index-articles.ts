import type { Pool } from '@support/db';
import { withTransaction } from '@support/db';
import type { Embedder } from '../embed/embedder.js';
import {
  countArticlesOfSource,
  deleteArticlesNotIn,
  findContentHashes,
  upsertArticles,
  vacuumKnowledgeBase,
} from '../queries/articles.js';
import { type ChunkRow, replaceChunks } from '../queries/chunks.js';
import {
  deleteOrphanEmbeddings,
  type EmbeddingModel,
  findMissingEmbeddings,
  insertEmbeddings,
} from '../queries/embeddings.js';
import { HEADING_SEPARATOR } from '../queries/search.js';
import type { ArticleInput, SourceItem } from './article-input.js';
import { type ChunkOptions, chunkArticle } from './chunk.js';
import { articleContentHash, chunkEmbedText, sha256 } from './content-hash.js';
import { deferVectorIndex, type VectorIndexDeferral } from './vector-index-deferral.js';

/** How an indexing run is done. */
export interface IndexOptions {
  source: string;
  /** Delete the source's articles that this run did not see. */
  fullSync?: boolean;
  chunking?: ChunkOptions;
  /** Articles read, chunked, embedded and written together. */
  batchSize?: number;
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
}

/** Running counts, reported after each batch. */
export interface IndexProgress {
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  chunks: number;
  embedded: number;
  seconds: number;
}

/** What an indexing run did. */
export interface IndexSummary {
  source: string;
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: { path: string; reason: string }[];
  chunks: number;
  /** Texts sent to the embedder; chunks whose text was embedded before are not counted. */
  embedded: number;
  embeddingsReused: number;
  /** Why a full sync deleted nothing, when it had to hold back. */
  fullSyncSkipped?: string;
  seconds: number;
  embedSeconds: number;
}

const VACUUM_AFTER_CHANGES = 50;

/**
 * What every write of articles ends with (an index run, a source deletion): embeddings no chunk
 * uses any more are dropped when text went away, and after a large change the search tables get
 * fresh statistics and visibility map. Without statistics the planner picks nested loops for the
 * keyword query that cost a second instead of milliseconds (PGlite has no autovacuum at all);
 * without a vacuum it cannot use index-only scans on the postings.
 */
export async function settleAfterChanges(
  pool: Pool,
  { changed, textRemoved }: { changed: number; textRemoved: boolean },
): Promise<void> {
  if (textRemoved) await deleteOrphanEmbeddings(pool);
  if (changed >= VACUUM_AFTER_CHANGES) await vacuumKnowledgeBase(pool);
}

interface Collaborators {
  pool: Pool;
  embedder: Embedder;
  model: () => Promise<EmbeddingModel>;
  now: () => number;
}

interface RunState {
  summary: IndexSummary;
  embeddedNotWritten: Set<string>;
  vectorIndex: VectorIndexDeferral;
}

interface PreparedArticle {
  article: ArticleInput;
  contentHash: string;
  chunks: (Omit<ChunkRow, 'articleId'> & { embedText: string })[];
}

/**
 * Indexes articles incrementally: an unchanged article (same content hash) costs no embedding
 * and no write; a changed one gets its chunks replaced in one transaction; texts embedded before
 * (for this model) are never embedded again. A bad item is counted as failed and skipped.
 */
export async function indexArticles(
  deps: Collaborators,
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>,
  options: IndexOptions,
): Promise<IndexSummary> {
  const started = deps.now();
  const batchSize = options.batchSize ?? 32;
  const summary: IndexSummary = {
    source: options.source,
    added: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    failed: [],
    chunks: 0,
    embedded: 0,
    embeddingsReused: 0,
    seconds: 0,
    embedSeconds: 0,
  };
  const seen = new Set<string>();
  let unknownFailures = 0;
  let batch: { path: string; article: ArticleInput }[] = [];
  // Two stages, one batch apart: batch n+1 is chunked and embedded while batch n is written, so
  // the embedder (worker threads) and the database work at the same time. Writes stay in order,
  // one transaction per batch.
  let writing: Promise<void> = Promise.resolve();
  const embeddedNotWritten = new Set<string>();
  const run: RunState = { summary, embeddedNotWritten, vectorIndex: deferVectorIndex(deps.pool) };

  const flush = async () => {
    if (batch.length === 0) return;
    const prepared = await prepareBatch(deps, batch, options, summary, embeddedNotWritten);
    batch = [];
    await writing;
    const write = writeBatch(deps, prepared, options.source, run).then(() =>
      options.onProgress?.({
        articles: summary.added + summary.updated + summary.unchanged,
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        failed: summary.failed.length,
        chunks: summary.chunks,
        embedded: summary.embedded,
        seconds: (deps.now() - started) / 1000,
      }),
    );
    // Awaited by the next flush; until then a failure must not count as unhandled.
    write.catch(() => undefined);
    writing = write;
  };

  try {
    await readAll();
  } catch (error) {
    // The index this run dropped comes back however the run ended; the run's own error is the
    // one to report (if the database is gone, the next start builds the index again).
    await writing.catch(() => undefined);
    await run.vectorIndex.finish().catch(() => undefined);
    throw error;
  }
  await run.vectorIndex.finish();

  async function readAll(): Promise<void> {
    for await (const item of items) {
      options.signal?.throwIfAborted();
      if (item.kind === 'failed') {
        summary.failed.push({ path: item.path, reason: item.reason });
        if (item.externalId === undefined) unknownFailures++;
        else seen.add(item.externalId);
        continue;
      }
      if (seen.has(item.article.externalId)) {
        summary.failed.push({
          path: item.path,
          reason: `duplicate external id ${item.article.externalId} in this run`,
        });
        continue;
      }
      seen.add(item.article.externalId);
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await writing;
  }

  if (options.fullSync) {
    if (unknownFailures > 0) {
      // A file we could not read may hold articles we cannot name: deleting "missing" ones could
      // delete exactly those. Keep everything and say so.
      summary.fullSyncSkipped = `${unknownFailures} item(s) could not be read, so no article was deleted`;
    } else if (seen.size === 0 && (await countArticlesOfSource(deps.pool, options.source)) > 0) {
      // An empty folder or export is far more often a failed mount or a truncated download than
      // a wish to empty the source; that takes an explicit `pnpm kb delete <source> --all`.
      summary.fullSyncSkipped = `the run found no articles, so the source's stored articles were kept (to empty source ${options.source}, run: pnpm kb delete ${options.source} --all)`;
    } else {
      summary.deleted = (await deleteArticlesNotIn(deps.pool, { source: options.source, keep: [...seen] })).length;
    }
  }
  await settleAfterChanges(deps.pool, {
    changed: summary.added + summary.updated + summary.deleted,
    textRemoved: summary.updated > 0 || summary.deleted > 0,
  });
  summary.seconds = (deps.now() - started) / 1000;
  return summary;
}

interface PreparedBatch {
  changed: (PreparedArticle & { path: string })[];
  model: EmbeddingModel | undefined;
  vectors: { hash: string; vector: number[] }[];
}

// The first stage: what changed, its chunks, and the embeddings missing for them. Texts the
// batch before has embedded but not yet written are not embedded twice.
async function prepareBatch(
  deps: Collaborators,
  batch: { path: string; article: ArticleInput }[],
  options: IndexOptions,
  summary: IndexSummary,
  embeddedNotWritten: Set<string>,
): Promise<PreparedBatch> {
  const stored = await findContentHashes(deps.pool, {
    source: options.source,
    externalIds: batch.map((b) => b.article.externalId),
  });
  const changed: (PreparedArticle & { path: string })[] = [];
  for (const { path, article } of batch) {
    const contentHash = articleContentHash(article);
    if (stored.get(article.externalId)?.contentHash === contentHash) summary.unchanged++;
    else changed.push({ path, ...prepare(article, contentHash, options.chunking) });
  }
  if (changed.length === 0) return { changed, model: undefined, vectors: [] };
  const model = await deps.model();
  const vectors = await embedMissing(deps, model, changed, summary, embeddedNotWritten);
  return { changed, model, vectors };
}

// The second stage: the batch's new embeddings, then its articles and chunks in one transaction.
async function writeBatch(
  deps: Collaborators,
  { changed, model, vectors }: PreparedBatch,
  source: string,
  { summary, embeddedNotWritten, vectorIndex }: RunState,
): Promise<void> {
  if (model === undefined) return;
  if (vectors.length > 0) await vectorIndex.beforeWrite(model, vectors.length);
  await insertEmbeddings(deps.pool, model.id, vectors);
  for (const { hash } of vectors) embeddedNotWritten.delete(hash);
  try {
    await storeArticles(deps, source, changed, summary);
  } catch {
    // One bad article must not cost the batch: store them one by one to find and report it.
    for (const item of changed) {
      try {
        await storeArticles(deps, source, [item], summary);
      } catch (error) {
        summary.failed.push({ path: item.path, reason: `could not store: ${(error as Error).message}` });
      }
    }
  }
}

// One transaction per batch: each article's old chunks and new ones are swapped atomically,
// and a batch costs a handful of statements however many articles it holds.
async function storeArticles(
  deps: Collaborators,
  source: string,
  items: PreparedArticle[],
  summary: IndexSummary,
): Promise<void> {
  const stored = await withTransaction(deps.pool, async (tx) => {
    const ids = await upsertArticles(tx, { source, articles: items });
    const rows = items.flatMap((item) => {
      const articleId = ids.get(item.article.externalId)?.id;
      if (articleId === undefined) throw new Error(`article ${item.article.externalId} was not stored`);
      return item.chunks.map(({ embedText: _, ...chunk }) => ({ ...chunk, articleId }));
    });
    await replaceChunks(
      tx,
      [...ids.values()].map((v) => v.id),
      rows,
    );
    return { ids, chunks: rows.length };
  });
  for (const { created } of stored.ids.values()) {
    if (created) summary.added++;
    else summary.updated++;
  }
  summary.chunks += stored.chunks;
}

function prepare(article: ArticleInput, contentHash: string, chunking: ChunkOptions | undefined): PreparedArticle {
  const chunks = chunkArticle(article.body, chunking).map((chunk) => {
    const headingPath = chunk.headingPath.join(HEADING_SEPARATOR);
    const embedText = chunkEmbedText(article.title, headingPath, chunk.text);
    return {
      ordinal: chunk.ordinal,
      title: article.title,
      headingPath,
      text: chunk.text,
      tokenCount: chunk.tokenCount,
      embedHash: sha256(embedText),
      embedText,
    };
  });
  return { article, contentHash, chunks };
}

async function embedMissing(
  deps: Collaborators,
  model: EmbeddingModel,
  articles: PreparedArticle[],
  summary: IndexSummary,
  embeddedNotWritten: Set<string>,
): Promise<{ hash: string; vector: number[] }[]> {
  const textByHash = new Map(articles.flatMap((a) => a.chunks.map((c) => [c.embedHash, c.embedText] as const)));
  const missing = (await findMissingEmbeddings(deps.pool, model.id, [...textByHash.keys()])).filter(
    (hash) => !embeddedNotWritten.has(hash),
  );
  summary.embeddingsReused += textByHash.size - missing.length;
  if (missing.length === 0) return [];
  const started = deps.now();
  const vectors = await deps.embedder.embed(missing.map((hash) => textByHash.get(hash) ?? ''));
  summary.embedSeconds += (deps.now() - started) / 1000;
  summary.embedded += missing.length;
  for (const hash of missing) embeddedNotWritten.add(hash);
  return missing.map((hash, i) => ({ hash, vector: vectors[i] ?? [] }));
}
