import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Pool, Queryable } from './queryable.js';

/** The repository's migrations folder: numbered plain SQL files, the one source of the schema. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 72_114_031;

/** What one run of the migrator did. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies each migration file not yet recorded in schema_migrations, in order, each in its own
 * transaction (a file with a `-- no-transaction` line in its leading comments runs outside one;
 * the first line names the owning package, so the marker cannot be required there). A session-level
 * advisory lock makes concurrent starters wait rather than apply a file twice.
 */
export async function migrate(pool: Pool, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const name of files) {
      const version = Number.parseInt(name.slice(0, 4), 10);
      if (done.has(version)) continue;
      const sql = await readFile(`${dir}/${name}`, 'utf8');
      const inTransaction = !leadingComments(sql).includes('-- no-transaction');
      try {
        if (inTransaction) await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1::int, $2::text)', [version, name]);
        if (inTransaction) await client.query('COMMIT');
      } catch (error) {
        if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The number of the newest migration file, to tell whether a database is fully migrated. */
export async function latestMigrationVersion(dir: string = MIGRATIONS_DIR): Promise<number> {
  const versions = (await readdir(dir)).filter((n) => FILE_NAME.test(n)).map((n) => Number.parseInt(n.slice(0, 4), 10));
  return Math.max(0, ...versions);
}

/** The newest applied migration number; rejects when the database cannot be reached. */
export async function readSchemaVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

/** The `--` comment lines at the top of a migration file, trimmed. */
function leadingComments(sql: string): string[] {
  const lines = sql.split('\n').map((line) => line.trim());
  const end = lines.findIndex((line) => !line.startsWith('--'));
  return end === -1 ? lines : lines.slice(0, end);
}
