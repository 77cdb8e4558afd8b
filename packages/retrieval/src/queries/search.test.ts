import type { Database } from '@support/db';
import { withTransaction } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../embed/hashing-embedder.js';
import { type SourceItem, toSourceItem } from '../ingest/article-input.js';
import { createRetrieval, type Retrieval } from '../retrieval.js';
import { ensureEmbeddingModel } from './embeddings.js';
import { searchKeyword, searchVector, vectorSearchSql } from './search.js';

const ARTICLES = 2500;
const embedder = createHashingEmbedder({ dimensions: 64 });

function* corpus(): Generator<SourceItem> {
  const topics = ['refund', 'shipping', 'invoice', 'password', 'warranty', 'discount', 'delivery', 'account'];
  for (let i = 0; i < ARTICLES; i++) {
    const topic = topics[i % topics.length] ?? 'misc';
    // One article in a hundred carries the rare tag: a filter that rejects 99% of candidates.
    const tags = i % 100 === 7 ? ['rare'] : ['common'];
    yield toSourceItem(`${i}`, {
      externalId: `a${i}`,
      title: `${topic} question ${i}`,
      body: `How the ${topic} process works, case ${i}. Steps for ${topic} number ${i % 13}.`,
      tags,
    });
  }
}

describe('vector search with a selective filter', () => {
  let db: Database;
  let retrieval: Retrieval;

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder });
    await retrieval.index(corpus(), { source: 'bulk', batchSize: 250 });
    await db.pool.query('ANALYZE');
  }, 180_000);
  afterAll(() => db.close());

  it('fills the top-k through the HNSW index even when 99% of its candidates fail the filter', async () => {
    const model = await ensureEmbeddingModel(db.pool, { name: embedder.model, dimensions: embedder.dimensions });
    const [vector] = await embedder.embed(['refund process steps']);
    const input = {
      vector: vector ?? [],
      model,
      filters: { visibility: ['public' as const], tags: ['rare'] },
      limit: 20,
    };
    const { plan, hits } = await withTransaction(db.pool, async (tx) => {
      // With a filter this selective the planner would rather sort the few matching rows exactly;
      // take that choice away so the index path, the one that needs iterative scans, is the one tested.
      await tx.query('SET LOCAL enable_sort = off');
      const hits = await searchVector(tx, input);
      const { text, values } = vectorSearchSql(input);
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
      return { plan: rows.map((r) => r['QUERY PLAN']).join('\n'), hits };
    });
    expect(plan).toContain(`embeddings_hnsw_${model.id}`);
    expect(hits).toHaveLength(20);
  });

  it('returns a full top-k of matching articles whichever plan the database picks', async () => {
    const { hits } = await retrieval.search({
      query: 'refund process steps',
      mode: 'vector',
      k: 20,
      filters: { visibility: ['public'], tags: ['rare'] },
    });
    expect(hits).toHaveLength(20);
    expect(new Set(hits.map((h) => Number(h.articleId.slice(1)) % 100))).toEqual(new Set([7]));
  });

  it('applies the same filter in the keyword branch', async () => {
    const { hits } = await retrieval.search({
      query: 'shipping process',
      mode: 'keyword',
      k: 20,
      filters: { visibility: ['public'], tags: ['rare'] },
    });
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => Number(h.articleId.slice(1)) % 100 === 7)).toBe(true);
  });
});

describe('keyword search on a reading budget', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
    await createRetrieval({ pool: db.pool, embedder }).index(corpus(), { source: 'bulk', batchSize: 250 });
  }, 180_000);
  afterAll(() => db.close());

  it("scores what it returns exactly, though it read only part of the common words' postings", async () => {
    // "process", "works" and "case" are in every article: a budget of 200 postings cuts their lists.
    const query = 'refund process works case 1234';
    const filters = { visibility: ['public' as const] };
    const budgeted = await searchKeyword(db.pool, {
      query,
      filters,
      limit: 10,
      configs: ['english'],
      postingsPerTerm: 5000,
      readBudget: 200,
    });
    const everything = await searchKeyword(db.pool, {
      query,
      filters,
      limit: ARTICLES,
      configs: ['english'],
      postingsPerTerm: ARTICLES,
      readBudget: ARTICLES * 10,
    });
    const exact = new Map(everything.map((h) => [h.chunkId, h.score]));
    expect(budgeted).toHaveLength(10);
    expect(budgeted[0]?.chunkId).toBe(everything[0]?.chunkId);
    for (const hit of budgeted) expect(hit.score).toBeCloseTo(exact.get(hit.chunkId) ?? Number.NaN, 9);
  });
});
