import { type Database, type DatabaseTarget, type MigrationResult, openMigratedDatabase } from '@support/db';
import type { Embedder } from './embed/embedder.js';
import type { EmbedderEnv, EmbedderRole } from './embed/embedder-env.js';
import { activeModelFollower, resolveEmbedder } from './fitted-table-model.js';
import { createRetrieval, type Retrieval } from './retrieval.js';

/** An open, migrated knowledge base and everything that has to be closed with it. */
export interface KnowledgeBase {
  database: Database;
  /** What opening applied: every door migrates on start. */
  migrations: MigrationResult;
  /** What searches embed questions with now (retrieval.embedder): on auto it follows the active model. */
  readonly embedder: Embedder;
  retrieval: Retrieval;
  close(): Promise<void>;
}

/**
 * Opens and migrates the database at `target` and builds the retrieval service on it, with the
 * embedder given or the one the environment resolves to on this knowledge base (resolveEmbedder:
 * EMBEDDING_PROVIDER=auto embeds with the fitted table the knowledge base was indexed with, and
 * follows it when another process moves it to another model).
 * @example const kb = await openKnowledgeBase({ target: databaseTarget(config), embedder: { env: config } });
 */
export async function openKnowledgeBase(options: {
  target: DatabaseTarget;
  embedder: Embedder | { env: EmbedderEnv; role?: EmbedderRole };
}): Promise<KnowledgeBase> {
  const { database, migrations } = await openMigratedDatabase(options.target);
  let embedder: Embedder;
  try {
    embedder =
      'env' in options.embedder
        ? await resolveEmbedder(options.embedder.env, database.pool, options.embedder.role)
        : options.embedder;
  } catch (error) {
    await database.close();
    throw error;
  }
  const retrieval = createRetrieval({
    pool: database.pool,
    embedder,
    followActiveModel:
      'env' in options.embedder
        ? activeModelFollower(options.embedder.env, database.pool, options.embedder.role)
        : undefined,
  });
  return {
    database,
    migrations,
    get embedder() {
      return retrieval.embedder;
    },
    retrieval,
    close: () => database.close(),
  };
}
