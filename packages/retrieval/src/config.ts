import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { type MigrationResult, migrate } from './db/migrate.js';
import { type Database, openDatabase } from './db/open-database.js';
import type { Embedder } from './embed/embedder.js';
import { createHashingEmbedder } from './embed/hashing-embedder.js';
import { createLocalEmbedder } from './embed/local-embedder.js';
import { createOpenAIEmbedder } from './embed/openai-embedder.js';
import { createRetrieval, type Retrieval } from './retrieval.js';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The environment variables the knowledge base reads; apps extend this schema with their own. */
export const RetrievalEnv = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data')),
  EMBEDDING_PROVIDER: z.preprocess(
    emptyAsUndefined,
    z.enum(['local', 'openai', 'hashing'], { error: 'expected local, openai or hashing' }).default('local'),
  ),
  EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default('text-embedding-3-small')),
  EMBEDDING_DIMENSIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(16000).optional()),
  EMBEDDING_BATCH_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(2048).default(64)),
  // local embedder: worker threads running the model (2 on 2 cores roughly halves indexing time)
  EMBEDDING_THREADS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(16).default(1)),
  EMBEDDING_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OPENAI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  // Folders a re-index may read from, colon-separated like PATH; none by default.
  REINDEX_ALLOWED_DIRS: z
    .string()
    .default('')
    .transform((value) => value.split(':').filter((dir) => dir !== ''))
    .refine((dirs) => dirs.every(isAbsolute), 'expected absolute paths separated by ":"'),
});
export type RetrievalEnv = z.infer<typeof RetrievalEnv>;

/**
 * Parses `env` with `schema`; on failure throws one Error listing every bad variable as
 * `NAME: problem`, for main.ts to print before exiting.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new Error(`invalid configuration:\n${lines.join('\n')}`);
}

/** Builds the embedder the environment asks for. */
export function createEmbedderFromEnv(env: RetrievalEnv): Embedder {
  switch (env.EMBEDDING_PROVIDER) {
    case 'local':
      return createLocalEmbedder({ threads: env.EMBEDDING_THREADS });
    case 'hashing':
      return createHashingEmbedder(env.EMBEDDING_DIMENSIONS ? { dimensions: env.EMBEDDING_DIMENSIONS } : {});
    case 'openai': {
      const baseUrl = env.EMBEDDING_BASE_URL ?? env.OPENAI_BASE_URL;
      return createOpenAIEmbedder({
        model: env.EMBEDDING_MODEL,
        dimensions: env.EMBEDDING_DIMENSIONS ?? 1536,
        apiKey: env.OPENAI_API_KEY ?? 'not-needed',
        batchSize: env.EMBEDDING_BATCH_SIZE,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
    }
  }
}

/** An open, migrated knowledge base and everything that has to be closed with it. */
export interface KnowledgeBase {
  database: Database;
  /** What opening applied: every door migrates on start. */
  migrations: MigrationResult;
  embedder: Embedder;
  retrieval: Retrieval;
  close(): Promise<void>;
}

/**
 * Opens the database named by the environment (DATABASE_URL, else embedded PGlite under
 * DATA_DIR), applies pending migrations and builds the retrieval service.
 */
export async function openKnowledgeBase(env: RetrievalEnv): Promise<KnowledgeBase> {
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR, 'pgdata') },
  );
  let migrations: MigrationResult;
  try {
    migrations = await migrate(database.pool);
  } catch (error) {
    await database.close();
    throw error;
  }
  const embedder = createEmbedderFromEnv(env);
  return {
    database,
    migrations,
    embedder,
    retrieval: createRetrieval({ pool: database.pool, embedder }),
    close: () => database.close(),
  };
}
