import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrate, openDatabase } from '@support/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePostings } from './chunks.js';

// The upgrade of stored chunks that migration 0007 does belongs to the tables retrieval owns.
describe('migration 0007 (search configuration per locale)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A brand-new embedded database (initdb in WASM, then every migration) takes seconds, more on a busy machine.
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
  }, 120_000);
});
