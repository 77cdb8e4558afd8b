import { type MigrationResult, migrate } from './migrate.js';
import { type Database, type DatabaseTarget, openDatabase } from './open-database.js';

/**
 * Opens `target` and applies pending migrations (every door migrates on start); a database whose
 * migration fails is closed again before the error is thrown.
 */
export async function openMigratedDatabase(
  target: DatabaseTarget,
): Promise<{ database: Database; migrations: MigrationResult }> {
  const database = await openDatabase(target);
  try {
    return { database, migrations: await migrate(database.pool) };
  } catch (error) {
    await database.close();
    throw error;
  }
}
