// The public surface of @support/retrieval: storage, ingestion, embedders and hybrid search.

export type { AnswerStore } from './answer-store.js';
/** The redacted answer log, answer cache and feedback (used by the copilot). */
export { createAnswerStore } from './answer-store.js';
export type { ApiKeyStore } from './api-keys.js';
/** API keys, stored hashed, with scopes, an audience and allowed origins. */
export { API_SCOPES, createApiKeyStore, NewApiKey } from './api-keys.js';
export type { KnowledgeBase } from './config.js';
/** Environment schema, env parsing with named errors, and the one-call opener used by the apps. */
export { createEmbedderFromEnv, openKnowledgeBase, parseEnv, RetrievalEnv } from './config.js';
export type { MigrationResult } from './db/migrate.js';
/** Applies pending numbered SQL migrations under an advisory lock. */
export { latestMigrationVersion, MIGRATIONS_DIR, migrate } from './db/migrate.js';
export type { Database, DatabaseTarget } from './db/open-database.js';
/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite (a data folder). */
export { openDatabase } from './db/open-database.js';
export type { Pool, Queryable } from './db/queryable.js';
/** Runs work in one transaction on a dedicated client. */
export { withTransaction } from './db/queryable.js';
export type { Embedder } from './embed/embedder.js';
export { createHashingEmbedder } from './embed/hashing-embedder.js';
/** Embedders: local USE-lite (default, offline), OpenAI-compatible, and a model-free hashing one. */
export { createLocalEmbedder } from './embed/local-embedder.js';
export type { OpenAIEmbedderOptions } from './embed/openai-embedder.js';
export { createOpenAIEmbedder } from './embed/openai-embedder.js';
export type { ErrorCode } from './errors.js';
/** The one error type callers see; its code maps to a status at each door. */
export { AppError, describeFirstIssue, isAppError } from './errors.js';
export type { SourceItem } from './ingest/article-input.js';
/** Ingestion: article shape, source readers, chunker and the incremental indexer's types. */
export { ArticleInput, toSourceItem } from './ingest/article-input.js';
export type { Chunk, ChunkOptions } from './ingest/chunk.js';
export { chunkArticle } from './ingest/chunk.js';
export type { IndexOptions, IndexProgress, IndexSummary } from './ingest/index-articles.js';
export { readBeirCorpus } from './ingest/read-beir.js';
export { readSource } from './ingest/read-source.js';
export { countTokens } from './ingest/tokens.js';
export type { JobLogger, JobQueue, JobQueueDeps } from './jobs/job-queue.js';
/** The Postgres-backed job queue (re-index of a source) and its in-process worker. */
export { createJobQueue } from './jobs/job-queue.js';
/** What a re-index reads (folder, uploaded articles or Zendesk export), and the folder allow-list check. */
export { ReindexRequest, resolveAllowedFolder } from './jobs/reindex-request.js';
export type { AnswerCacheEntry, AnswerRecord, AnswerStats } from './queries/answers.js';
export type { ApiKeyRecord, ApiScope } from './queries/api-keys.js';
export type { JobArticleError, JobInputKind, JobProgress, JobRecord, JobState } from './queries/jobs.js';
export type { KnowledgeBaseStats } from './queries/stats.js';
export type { Retrieval, RetrievalDeps, UpsertOutcome } from './retrieval.js';
/** The retrieval service: index, search, delete, stats, model switch. */
export { createRetrieval, DEFAULT_FUSION } from './retrieval.js';
export type { FusedChunk, FusionOptions } from './search/fuse.js';
/** Fusion of keyword and vector rankings (exported for evaluation and tuning). */
export { fuse } from './search/fuse.js';
export type { ParsedSearchRequest, SearchHit, SearchResult } from './search/search-request.js';
export { SearchRequest } from './search/search-request.js';
/** A throw-away migrated database (in-memory PGlite, or a new database on a server) for evals and benches. */
export { openScratchDatabase } from './testing/scratch-database.js';
/** Test support: a migrated template per run, a fresh database per test file. */
export { openTestDatabase, prepareTestTemplate } from './testing/test-database.js';
