import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbedderEnv } from './embed/embedder-env.js';
import { createHashingEmbedder } from './embed/hashing-embedder.js';
import { readStaticTable } from './embed/static-table.js';
import { activeModelFollower, indexWithFittedTable, resolveEmbedder } from './fitted-table-model.js';
import { toSourceItem } from './ingest/article-input.js';
import { createRetrieval } from './retrieval.js';

const article = (externalId: string, title: string, body: string) =>
  toSourceItem(externalId, { externalId, title, body });

// The shipped table under a fitted table's name: what is stored and resolved is the point here,
// not the fit (the CLI test fits a real one).
const table = () => ({ ...readStaticTable(), model: 'static:use-lite-fit-256-00c0ffee' });

describe('a fitted table stored with its model', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
    const before = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await before.index([article('vat.md', 'VAT invoices', 'A VAT invoice is emailed with every order.')], {
      source: 'billing',
    });
  });
  afterEach(() => db.close());

  it('moves the knowledge base to the table, and processes on the default embedder resolve to it', async () => {
    const outcome = await indexWithFittedTable(
      db.pool,
      table(),
      [article('refunds.md', 'Refunds', 'Refunds reach your card within 5 to 10 business days.')],
      { source: 'help' },
    );
    expect(outcome).toMatchObject({ model: 'static:use-lite-fit-256-00c0ffee', filled: 1 });
    expect(outcome.summary.added).toBe(1);

    const resolved = await resolveEmbedder(EmbedderEnv.parse({}), db.pool);
    expect(resolved.model).toBe('static:use-lite-fit-256-00c0ffee');
    const { hits, warnings } = await createRetrieval({ pool: db.pool, embedder: resolved }).search({
      query: 'VAT invoice',
      mode: 'vector',
    });
    expect(warnings).toEqual([]);
    expect(hits.map((h) => h.articleId).sort()).toEqual(['refunds.md', 'vat.md']);
    // A provider set explicitly is what the process embeds with, table or not.
    expect((await resolveEmbedder(EmbedderEnv.parse({ EMBEDDING_PROVIDER: 'hashing' }), db.pool)).model).toBe(
      'hashing:256',
    );
  });

  it('moves a process that is already serving to the table, with no restart', async () => {
    const env = EmbedderEnv.parse({});
    const serving = createRetrieval({
      pool: db.pool,
      embedder: await resolveEmbedder(env, db.pool),
      followActiveModel: activeModelFollower(env, db.pool),
    });
    // The knowledge base is on a model this process cannot embed with: keyword only, and it says why.
    const before = await serving.search({ query: 'VAT invoice', mode: 'vector' });
    expect(before.hits).toEqual([]);
    expect(before.warnings).toEqual([
      'vector search is off: the active embedding model is hashing:256, this process embeds with local:use-lite-512 (no embedder for it here); run "pnpm kb reembed"',
    ]);

    // Another process (kb index of a large source) moves the knowledge base to a fitted table.
    await indexWithFittedTable(
      db.pool,
      table(),
      [article('refunds.md', 'Refunds', 'Refunds reach your card within 5 to 10 business days.')],
      { source: 'help' },
    );
    const after = await serving.search({ query: 'VAT invoice', mode: 'vector' });
    expect(after.warnings).toEqual([]);
    expect(after.hits[0]?.articleId).toBe('vat.md');
    expect(serving.embedder.model).toBe('static:use-lite-fit-256-00c0ffee');
  });

  it('keeps a provider set explicitly, and says so when the knowledge base moves', async () => {
    const env = EmbedderEnv.parse({ EMBEDDING_PROVIDER: 'hashing' });
    const serving = createRetrieval({
      pool: db.pool,
      embedder: await resolveEmbedder(env, db.pool),
      followActiveModel: activeModelFollower(env, db.pool),
    });
    await indexWithFittedTable(db.pool, table(), [], { source: 'help' });
    const { warnings } = await serving.search({ query: 'VAT invoice', mode: 'hybrid' });
    expect(warnings).toEqual([
      'vector search is off: the active embedding model is static:use-lite-fit-256-00c0ffee, this process embeds with hashing:256 (this process embeds with a fixed model); run "pnpm kb reembed"',
    ]);
    expect(serving.embedder.model).toBe('hashing:256');
  });

  it('resolves to USE-lite while the active model has no stored table', async () => {
    expect((await resolveEmbedder(EmbedderEnv.parse({}), db.pool)).model).toBe('local:use-lite-512');
  });

  it('names the model when its stored table is damaged', async () => {
    await indexWithFittedTable(db.pool, table(), [], { source: 'help' });
    await db.pool.query(`UPDATE embedding_models SET static_table = '\\x534542'::bytea WHERE active`);
    await expect(resolveEmbedder(EmbedderEnv.parse({}), db.pool)).rejects.toThrow(
      /stored with embedding model static:use-lite-fit-256-00c0ffee: not a static embedding table/,
    );
  });
});
