import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePostings } from '../queries/chunks.js';
import { openTestDatabase } from '../testing/test-database.js';
import { latestMigrationVersion, MIGRATIONS_DIR, migrate } from './migrate.js';
import { type Database, openDatabase } from './open-database.js';

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

  it('re-tokenises the stored chunks of a German article in German when 0007 applies', async () => {
    // Always embedded: the upgrade needs a database at version 6, whichever server the suite uses.
    const old = await openDatabase({ memory: true });
    try {
      for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f < '0007')) {
        await copyFile(join(MIGRATIONS_DIR, file), join(dir, file));
      }
      await migrate(old.pool, dir);
      const { rows } = await old.pool.query<{ id: string }>(
        `INSERT INTO articles (source, external_id, title, body, locale, content_hash)
         VALUES ('help', 'versand', 'Versandzeiten', 'Der Versand dauert drei Tage.', 'de', 'h') RETURNING id`,
      );
      const articleId = Number(rows[0]?.id);
      await old.pool.query(
        `INSERT INTO chunks (article_id, ordinal, title, text, token_count, embed_hash)
         VALUES ($1, 0, 'Versandzeiten', 'Der Versand dauert drei Tage.', 6, 'e')`,
        [articleId],
      );
      await writePostings(old.pool, [articleId]);
      const lexemes = async () =>
        (await old.pool.query<{ lexeme: string }>('SELECT lexeme FROM chunk_terms ORDER BY lexeme')).rows.map(
          (r) => r.lexeme,
        );
      expect(await lexemes()).toContain('der'); // English does not know German stop words

      expect((await migrate(old.pool)).applied).toContain('0007_search_config_per_locale.sql');
      expect(await lexemes()).toEqual(['dauert', 'drei', 'tag', 'versand', 'versandzeit']);
      const { rows: stats } = await old.pool.query<{ terms: number; consistent: boolean }>(
        `SELECT (SELECT count(*)::int FROM term_stats WHERE df > 0) AS terms,
                (SELECT abs(total_length - (SELECT sum(bm25_length) FROM chunks)) < 0.001 FROM corpus_stats) AS consistent`,
      );
      expect(stats[0]).toEqual({ terms: 5, consistent: true });
    } finally {
      await old.close();
    }
  });

  it('rolls a failing file back whole and names it', async () => {
    await writeFile(join(dir, '9001_half.sql'), 'CREATE TABLE mig_b (x int); SELECT no_such_function();');
    await expect(migrate(db.pool, dir)).rejects.toThrow(/migration 9001_half\.sql failed/);
    const { rows } = await db.pool.query<{ t: string | null }>(`SELECT to_regclass('mig_b')::text AS t`);
    expect(rows[0]?.t).toBeNull();
  });
});
