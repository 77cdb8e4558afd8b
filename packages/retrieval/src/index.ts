// The public surface of @support/retrieval: the knowledge base (articles, chunks, postings,
// embeddings), ingestion, embedders, hybrid search and re-index jobs.

/** The static embedder distilled from USE-lite (EMBEDDING_PROVIDER=static), and the distillation that rebuilds its table. */
export { distillStaticTable } from './embed/distill-static-table.js';
/** Questions go through Embedder.embedQueries when the embedder has one (a fitted static table reads them with USE-lite). */
export { type Embedder, embedQueries } from './embed/embedder.js';
export type { EmbedderRole } from './embed/embedder-env.js';
/** The embedder variables (composed into each app's env schema) and the embedder they choose. */
export { createEmbedderFromEnv, EmbedderEnv } from './embed/embedder-env.js';
/** Fits the static table to folders of articles (kb distill --corpus; kb index of a large source). */
export { type CorpusFitOptions, fitStaticTableToCorpus } from './embed/fit-to-corpus.js';
export { createHashingEmbedder } from './embed/hashing-embedder.js';
/** Embedders: local USE-lite (default, offline), OpenAI-compatible, and a model-free hashing one. */
export { createLocalEmbedder } from './embed/local-embedder.js';
export { createStaticEmbedder } from './embed/static-embedder.js';
export { STATIC_TABLE_PATH, writeStaticTable } from './embed/static-table.js';
export { collectTrainingTexts, embedTrainingTexts } from './embed/training-texts.js';
/** A fitted table stored with its model in the knowledge base, and the embedder a process resolves to (EMBEDDING_PROVIDER=auto). */
export {
  type FittedIndexOutcome,
  indexWithFittedTable,
  resolveEmbedder,
  storeFittedTable,
} from './fitted-table-model.js';
export type { SourceItem } from './ingest/article-input.js';
/** Ingestion: article shape, source readers and the incremental indexer's types. */
export { ArticleInput, toSourceItem } from './ingest/article-input.js';
export type { IndexProgress, IndexSummary } from './ingest/index-articles.js';
export { readBeirCorpus } from './ingest/read-beir.js';
export { readSource } from './ingest/read-source.js';
export type { SourcedArticle } from './ingest/upsert-across-sources.js';
/** What a bulk upsert across sources stored. */
export { BulkUpsertSummary } from './ingest/upsert-across-sources.js';
export type { JobLogger, JobQueue, JobQueueDeps } from './jobs/job-queue.js';
/** The Postgres-backed queue of re-index jobs and its in-process worker. */
export { createJobQueue } from './jobs/job-queue.js';
/** What a re-index reads (folder, uploaded articles or Zendesk export). */
export { ReindexRequest } from './jobs/reindex-request.js';
export type { KnowledgeBase } from './knowledge-base.js';
/** Opens and migrates a database and builds the retrieval service on it: what each door does on start. */
export { openKnowledgeBase } from './knowledge-base.js';
/** When indexing a large source fits a table to it (kb index, and re-index jobs on the default embedder). */
export { FIT_TEXTS, fitThreshold, isUseLiteModel, type LargeSourceFit, largeSourceFit } from './large-source-fit.js';
export type { EmbeddingModelStatus } from './queries/embeddings.js';
export type { FusionCalibration } from './queries/fusion.js';
/** A job as callers see it: the zod schema, its type inferred. */
export { JobRecord } from './queries/jobs.js';
export type { KnowledgeBaseStats } from './queries/stats.js';
export type { Retrieval, RetrievalDeps, UpsertOutcome } from './retrieval.js';
/** The retrieval service: index, search, delete, stats, model switch. */
export { createRetrieval } from './retrieval.js';
export type { Audience } from './search/search-request.js';
/** The search request, its filters, hit and result: one zod schema each, the types inferred. */
export { SearchFilters, SearchHit, SearchRequest, SearchResult } from './search/search-request.js';
