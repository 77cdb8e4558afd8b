import { availableParallelism } from 'node:os';
import { unsetIfBlank } from '@support/db';
import { z } from 'zod';
import type { Embedder } from './embedder.js';
import { createHashingEmbedder } from './hashing-embedder.js';
import { createLocalEmbedder } from './local-embedder.js';
import { createOpenAIEmbedder } from './openai-embedder.js';
import { createStaticEmbedder } from './static-embedder.js';

/**
 * The variables that choose and configure the embedder. Declared here, beside the embedders, so
 * each default is written once; every app's config.ts composes it into its own schema.
 */
export const EmbedderEnv = z.object({
  EMBEDDING_PROVIDER: z.preprocess(
    unsetIfBlank,
    z
      .enum(['auto', 'local', 'static', 'openai', 'hashing'], {
        error: 'expected auto, local, static, openai or hashing',
      })
      .default('auto'),
  ),
  EMBEDDING_MODEL: z.preprocess(unsetIfBlank, z.string().default('text-embedding-3-small')),
  EMBEDDING_DIMENSIONS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(16000).optional()),
  EMBEDDING_BATCH_SIZE: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(2048).default(64)),
  // local embedder: worker threads running the model; unset, one per core (2 on 2 cores roughly halves indexing time)
  EMBEDDING_THREADS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(16).optional()),
  // static embedder: a table from `pnpm kb distill` (for example fitted to this knowledge base); unset, the shipped one
  STATIC_EMBEDDER_TABLE: z.preprocess(unsetIfBlank, z.string().optional()),
  // static embedder with a fitted table: questions read by USE-lite and projected (model), or by the table too (table: no model thread)
  STATIC_EMBEDDER_QUESTIONS: z.preprocess(
    unsetIfBlank,
    z.enum(['model', 'table'], { error: 'expected model or table' }).default('model'),
  ),
  EMBEDDING_BASE_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  OPENAI_BASE_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  OPENAI_API_KEY: z.preprocess(unsetIfBlank, z.string().optional()),
});
export type EmbedderEnv = z.infer<typeof EmbedderEnv>;

/** Who the embedder serves: a long-running API also embeds questions while it indexes. */
export interface EmbedderRole {
  /** Keep a thread of the local model for questions only (the API). */
  queryThread?: boolean;
}

/**
 * Builds the embedder the environment asks for; the local model gets a thread per core unless
 * EMBEDDING_THREADS says otherwise. `auto` is USE-lite here: only a process that opens the
 * knowledge base can know whether it was indexed with a fitted table (resolveEmbedder).
 */
export function createEmbedderFromEnv(env: EmbedderEnv, role: EmbedderRole = {}): Embedder {
  switch (env.EMBEDDING_PROVIDER) {
    case 'auto':
    case 'local':
      return createLocalEmbedder({
        threads: env.EMBEDDING_THREADS ?? availableParallelism(),
        queryThread: role.queryThread ?? false,
      });
    case 'static':
      return createStaticEmbedderFromEnv(env.STATIC_EMBEDDER_TABLE, env.STATIC_EMBEDDER_QUESTIONS);
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

function createStaticEmbedderFromEnv(tablePath: string | undefined, questions: 'model' | 'table'): Embedder {
  if (tablePath === undefined) return createStaticEmbedder({ questions });
  try {
    return createStaticEmbedder({ tablePath, questions });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`STATIC_EMBEDDER_TABLE=${tablePath}: ${why}`);
  }
}
