// The public surface of @support/db: what every owner of tables needs, and nothing about any table.
// Test databases are a separate entry, `@support/db/testing`.

/** Backs up and restores the embedded database's data folder (`pnpm kb backup` / `restore`). */
export { backupEmbedded, restoreEmbedded } from './embedded-backup.js';
/** Environment helpers: one parser whose error names every bad variable, and the database's two variables. */
export { DatabaseEnv, databaseTarget, parseEnv, unsetIfBlank } from './env.js';
export type { ErrorCode } from './errors.js';
/** The one error type callers see; its code maps to a status at each door. */
/** True when an error means the database is unreachable right now (down, restarting, connection lost). */
export { AppError, describeFirstIssue, isAppError, isDatabaseUnavailable } from './errors.js';
export type { MigrationResult } from './migrate.js';
/** Applies pending numbered SQL migrations under an advisory lock. */
export { latestMigrationVersion, MIGRATIONS_DIR, migrate, readSchemaVersion } from './migrate.js';
export type { Database, DatabaseTarget } from './open-database.js';
/** Opens PostgreSQL (a URL) or embedded PGlite (a data folder, locked to one process). */
export { openDatabase } from './open-database.js';
/** Opens a database and applies pending migrations, as every door does on start. */
export { openMigratedDatabase } from './open-migrated-database.js';
export type { Pool, Queryable } from './queryable.js';
/** Runs work in one transaction on a dedicated client. */
export { withTransaction } from './queryable.js';
