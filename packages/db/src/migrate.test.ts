import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestMigrationVersion, MIGRATIONS_DIR, migrate } from './migrate.js';
import type { Database } from './open-database.js';
import { openTestDatabase } from './testing/test-database.js';

describe('migrate', () => {
  let db: Database;
  let dir: string;

  beforeEach(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has applied every migration of the repository to a test database, and a second run does nothing', async () => {
    const { rows } = await db.pool.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations');
    expect(rows[0]?.version).toBe(await latestMigrationVersion());
    const again = await migrate(db.pool);
    expect(again.applied).toEqual([]);
  });

  it('applies new files in order, each once, even when two runs start together', async () => {
    await writeFile(join(dir, '9001_first.sql'), 'CREATE TABLE mig_a (x int);');
    await writeFile(join(dir, '9002_second.sql'), 'INSERT INTO mig_a VALUES (1);');
    await writeFile(join(dir, 'notes.txt'), 'not a migration');
    const results = await Promise.all([migrate(db.pool, dir), migrate(db.pool, dir)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['9001_first.sql', '9002_second.sql']);
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM mig_a');
    expect(rows[0]?.n).toBe(1);
  });

  it('runs a file marked no-transaction below its owner line outside a transaction', async () => {
    // CREATE INDEX CONCURRENTLY refuses to run inside a transaction block.
    await writeFile(join(dir, '9001_table.sql'), '-- Owner: @support/db (test).\nCREATE TABLE mig_c (x int);');
    await writeFile(
      join(dir, '9002_index.sql'),
      '-- Owner: @support/db (test).\n-- no-transaction\nCREATE INDEX CONCURRENTLY mig_c_x ON mig_c (x);',
    );
    expect((await migrate(db.pool, dir)).applied).toEqual(['9001_table.sql', '9002_index.sql']);
  });

  it('rolls a failing file back whole and names it', async () => {
    await writeFile(join(dir, '9001_half.sql'), 'CREATE TABLE mig_b (x int); SELECT no_such_function();');
    await expect(migrate(db.pool, dir)).rejects.toThrow(/migration 9001_half\.sql failed/);
    const { rows } = await db.pool.query<{ t: string | null }>(`SELECT to_regclass('mig_b')::text AS t`);
    expect(rows[0]?.t).toBeNull();
  });
});

describe('migrations folder', () => {
  it("names each file's owning package or app on its first line", async () => {
    const root = join(MIGRATIONS_DIR, '..');
    const owners = [...(await readdir(join(root, 'packages'))), ...(await readdir(join(root, 'apps')))];
    const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const firstLine = (await readFile(join(MIGRATIONS_DIR, name), 'utf8')).split('\n')[0] ?? '';
      const named = owners.filter((owner) => new RegExp(`^--.*\\b${owner}\\b`).test(firstLine));
      expect(named, `${name}: first line "${firstLine}" names no package or app`).not.toEqual([]);
    }
  });
});
