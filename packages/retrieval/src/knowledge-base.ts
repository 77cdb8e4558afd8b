import { type Database, type DatabaseTarget, type MigrationResult, openMigratedDatabase } from '@support/db';
import type { Embedder } from './embed/embedder.js';
import { createRetrieval, type Retrieval } from './retrieval.js';

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
 * Opens and migrates the database at `target` and builds the retrieval service on it.
 * @example const kb = await openKnowledgeBase({ target: databaseTarget(config), embedder: createEmbedderFromEnv(config) });
 */
export async function openKnowledgeBase(options: {
  target: DatabaseTarget;
  embedder: Embedder;
}): Promise<KnowledgeBase> {
  const { database, migrations } = await openMigratedDatabase(options.target);
  return {
    database,
    migrations,
    embedder: options.embedder,
    retrieval: createRetrieval({ pool: database.pool, embedder: options.embedder }),
    close: () => database.close(),
  };
}
