import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../embed/embedder.js';
import { createHashingEmbedder } from '../embed/hashing-embedder.js';
import { createRetrieval, type Retrieval } from '../retrieval.js';
import { type SourceItem, toSourceItem } from './article-input.js';

// A real embedder that also counts what it was asked to embed.
function countingEmbedder(): Embedder & { texts: string[] } {
  const inner = createHashingEmbedder({ dimensions: 64 });
  const texts: string[] = [];
  return {
    model: inner.model,
    dimensions: inner.dimensions,
    texts,
    embed: (batch) => {
      texts.push(...batch);
      return inner.embed(batch);
    },
  };
}

const item = (externalId: string, body: string, title = externalId): SourceItem =>
  toSourceItem(`${externalId}.md`, { externalId, title, body });

const longBody = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, i) => `## Part ${i}\n\n${`${topic} detail number ${i} is explained here. `.repeat(20)}`,
  ).join('\n\n');

describe('indexing', () => {
  let db: Database;
  let embedder: ReturnType<typeof countingEmbedder>;
  let retrieval: Retrieval;

  beforeEach(async () => {
    db = await openTestDatabase();
    embedder = countingEmbedder();
    retrieval = createRetrieval({ pool: db.pool, embedder });
  });
  afterEach(() => db.close());

  const count = async (sql: string) => (await db.pool.query<{ n: number }>(sql)).rows[0]?.n;

  it('embeds a text shared by consecutive batches once, though the next batch is embedded before the first is written', async () => {
    const body = longBody('warranty');
    const summary = await retrieval.index([item('a', body, 'Same'), item('b', body, 'Same'), item('c', body, 'Same')], {
      source: 's',
      batchSize: 1,
    });
    expect(summary).toMatchObject({ added: 3, failed: [] });
    expect(new Set(embedder.texts).size).toBe(embedder.texts.length);
    expect(summary.embedded).toBe(summary.chunks / 3);
    const { hits } = await retrieval.search({ query: 'warranty detail number 4', mode: 'vector', k: 5 });
    expect(new Set(hits.map((h) => h.articleId)).size).toBe(3);
  });

  it('re-embeds only the chunks whose text changed when an article is edited', async () => {
    await retrieval.index([item('a', longBody('refund'))], { source: 's' });
    const firstRun = embedder.texts.length;
    expect(firstRun).toBeGreaterThan(3);
    const edited = longBody('refund').replace('refund detail number 5', 'refund detail number FIVE');
    const summary = await retrieval.index([item('a', edited)], { source: 's' });
    expect(summary).toMatchObject({ updated: 1, added: 0 });
    expect(summary.embedded).toBeGreaterThanOrEqual(1);
    expect(summary.embedded).toBeLessThan(firstRun);
    expect(summary.embeddingsReused).toBe(summary.chunks - summary.embedded);
    const { hits } = await retrieval.search({ query: 'refund detail number FIVE', mode: 'keyword' });
    expect(hits[0]?.text).toContain('FIVE');
  });

  it('keeps exactly the new chunks, postings and corpus statistics after an update', async () => {
    await retrieval.index([item('a', longBody('shipping')), item('b', 'short body about invoices')], { source: 's' });
    await retrieval.index([item('a', 'now a single short paragraph about parcels')], { source: 's' });
    expect(await count('SELECT count(*)::int AS n FROM chunks')).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM chunk_terms WHERE lexeme = 'ship'`)).toBe(0);
    expect(await count(`SELECT df AS n FROM term_stats WHERE lexeme = 'parcel'`)).toBe(1);
    expect(await count('SELECT chunk_count::int AS n FROM corpus_stats')).toBe(2);
    expect(
      await count(
        'SELECT (abs(total_length - (SELECT sum(bm25_length) FROM chunks)) < 0.001)::int AS n FROM corpus_stats',
      ),
    ).toBe(1);
    // No embedding is left behind for text that no chunk has any more.
    expect(await count('SELECT count(*)::int AS n FROM embeddings')).toBe(2);
  });

  it('deletes the articles a full sync no longer sees, and only in that source', async () => {
    await retrieval.index([item('a', 'alpha text'), item('b', 'beta text')], { source: 'one' });
    await retrieval.index([item('a', 'alpha text')], { source: 'two' });
    const summary = await retrieval.index([item('a', 'alpha text')], { source: 'one', fullSync: true });
    expect(summary).toMatchObject({ unchanged: 1, deleted: 1 });
    const stats = await retrieval.stats();
    expect(stats.sources).toEqual([
      { source: 'one', articles: 1, internal: 0, lastUpdatedAt: expect.any(String) },
      { source: 'two', articles: 1, internal: 0, lastUpdatedAt: expect.any(String) },
    ]);
  });

  it('skips a bad item, indexes the rest and loses nothing already stored', async () => {
    await retrieval.index([item('a', 'alpha text'), item('b', 'beta text')], { source: 's' });
    const bad: SourceItem = { kind: 'failed', path: 'broken.json', reason: 'Unexpected token } in JSON' };
    const summary = await retrieval.index([item('c', 'gamma text'), bad], { source: 's', fullSync: true });
    expect(summary.added).toBe(1);
    expect(summary.failed).toEqual([{ path: 'broken.json', reason: 'Unexpected token } in JSON' }]);
    // The unreadable file might have held a and b: a full sync must not delete them.
    expect(summary.deleted).toBe(0);
    expect(summary.fullSyncSkipped).toMatch(/could not be read/);
    expect((await retrieval.stats()).articles).toBe(3);
  });

  it('keeps a source whose full sync found no articles at all, and says how to empty it', async () => {
    await retrieval.index([item('a', 'alpha text'), item('b', 'beta text')], { source: 's' });
    const summary = await retrieval.index([], { source: 's', fullSync: true });
    expect(summary.deleted).toBe(0);
    expect(summary.fullSyncSkipped).toContain('pnpm kb delete s --all');
    expect((await retrieval.stats()).articles).toBe(2);
    expect(await retrieval.deleteSource('s')).toBe(2);
    expect((await retrieval.stats()).articles).toBe(0);
    // Nothing stored, nothing to protect: an empty full sync of an empty source is no warning.
    expect((await retrieval.index([], { source: 's', fullSync: true })).fullSyncSkipped).toBeUndefined();
  });

  it('reports a repeated external id in one run instead of indexing it twice', async () => {
    const summary = await retrieval.index([item('a', 'first'), item('a', 'second')], { source: 's' });
    expect(summary.added).toBe(1);
    expect(summary.failed[0]?.reason).toBe('duplicate external id a in this run');
  });

  it('rejects an article with neither title nor body, naming the reason', () => {
    expect(toSourceItem('empty.md', { externalId: 'empty.md', title: ' ', body: '\n' })).toEqual({
      kind: 'failed',
      path: 'empty.md',
      reason: 'missing title and body',
      externalId: 'empty.md',
    });
    expect(toSourceItem('x.md', { externalId: 'x', title: 't', body: 'b', visibility: 'secret' })).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^visibility: /),
    });
  });

  it('removes every posting and term statistic of the articles it deletes', async () => {
    await retrieval.index([item('a', longBody('shipping')), item('b', 'short body about invoices')], { source: 's' });
    expect(await count('SELECT count(*)::int AS n FROM chunk_terms')).toBeGreaterThan(0);
    expect(await retrieval.deleteSource('s')).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM chunk_terms')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM term_stats')).toBe(0);
    expect(await count('SELECT chunk_count::int AS n FROM corpus_stats')).toBe(0);
  });

  // Enough vectors for a first import to be loaded without the HNSW index and built at the end.
  const manyArticles = (n: number) =>
    Array.from({ length: n }, (_, i) => item(`doc${i}`, longBody(`topic${i} gadget${i}`), `Guide ${i}`));
  const vectorIndexExists = async () =>
    (await count(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE 'embeddings_hnsw_%'`)) === 1;

  it('has its vector index back and finds by meaning after a large first import', async () => {
    const summary = await retrieval.index(manyArticles(110), { source: 's', batchSize: 8 });
    expect(summary.embedded).toBeGreaterThan(600);
    expect(await vectorIndexExists()).toBe(true);
    const { hits } = await retrieval.search({ query: 'topic77 gadget77 detail number 3', mode: 'vector', k: 3 });
    expect(hits[0]?.articleId).toBe('doc77');
  });

  it('has its vector index back when a large import is stopped halfway', async () => {
    const stop = new AbortController();
    let indexWhenStopped: Promise<boolean> | undefined;
    const run = retrieval.index(manyArticles(160), {
      source: 's',
      batchSize: 8,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.embedded <= 600 || stop.signal.aborted) return;
        indexWhenStopped = vectorIndexExists();
        stop.abort(new Error('stopped by the test'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the test');
    // It was stopped during the bulk load, with the index dropped, and the index came back.
    expect(await indexWhenStopped).toBe(false);
    expect(await vectorIndexExists()).toBe(true);
  });

  it('switches embedding models only when the new one is complete', async () => {
    await retrieval.index([item('a', 'refunds take ten days'), item('b', 'parcels ship daily')], { source: 's' });
    const next = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder({ dimensions: 32 }) });
    const before = await next.search({ query: 'refunds', mode: 'hybrid' });
    expect(before.warnings[0]).toMatch(/vector search is off/);
    expect(before.hits[0]?.articleId).toBe('a');
    await expect(next.activateConfiguredModel()).rejects.toThrow(/missing embeddings/);
    expect(await next.backfillEmbeddings()).toBe(2);
    await next.activateConfiguredModel();
    const after = await next.search({ query: 'refunds', mode: 'vector' });
    expect(after.warnings).toEqual([]);
    expect(after.hits[0]?.articleId).toBe('a');
    // The old model's process now sees that it is no longer the active one.
    expect((await retrieval.search({ query: 'refunds' })).warnings[0]).toMatch(/vector search is off/);
  });
});
