import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashingEmbedder } from './embed/hashing-embedder.js';
import { toSourceItem } from './ingest/article-input.js';
import type { FusionCalibration } from './queries/fusion.js';
import { createRetrieval, type Retrieval } from './retrieval.js';

// Six articles of six sections long enough to be chunks of their own: enough prose in articles of
// several chunks to calibrate fusion (36 chunk texts).
const TOPICS = ['refund', 'shipping', 'invoice', 'password', 'warranty', 'coupon'];
const articles = Array.from({ length: 6 }, (_, a) => {
  const topic = `${TOPICS[a % TOPICS.length]}${a}`;
  const body = Array.from(
    { length: 6 },
    (_, s) =>
      `## Part ${s}\n\n` +
      Array.from(
        { length: 8 },
        (_, k) =>
          `Step ${k} of the ${topic} rule number ${s} says that agents check the ${topic} record before replying.`,
      ).join(' '),
  ).join('\n\n');
  return toSourceItem(`${topic}.md`, { externalId: topic, title: `About ${topic}`, body });
});

// One knowledge base moved from one model to another, step by step, as `pnpm kb reembed` does it.
describe('switching embedding models', () => {
  let db: Database;
  let old: Retrieval;
  let next: Retrieval;
  let oldFusion: FusionCalibration | null | undefined;

  beforeAll(async () => {
    db = await openTestDatabase();
    old = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder({ dimensions: 32 }) });
    await old.index(articles, { source: 's' });
    oldFusion = (await old.stats()).fusion;
    next = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder({ dimensions: 48 }) });
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps answering with the old model while the new one is half filled, and refuses to switch', async () => {
    const stop = new AbortController();
    await expect(
      next.backfillEmbeddings({
        batchSize: 16,
        signal: stop.signal,
        onProgress: () => stop.abort(new Error('interrupted')),
      }),
    ).rejects.toThrow('interrupted');
    const [active, half] = await old.embeddingModels();
    expect(active).toMatchObject({ name: 'hashing:32', active: true, embedded: 36, texts: 36 });
    expect(half).toMatchObject({ name: 'hashing:48', active: false, embedded: 16, texts: 36 });

    const served = await old.search({ query: 'refund0 rule', mode: 'hybrid' });
    expect(served.warnings).toEqual([]);
    expect(served.hits[0]?.articleId).toBe('refund0');
    expect(served.hits[0]?.ranks.vector).toBeDefined();
    await expect(next.activateConfiguredModel()).rejects.toThrow(
      'model hashing:48 is missing embeddings for 20 chunk text(s)',
    );
    expect((await old.stats()).activeModel).toBe('hashing:32');
  });

  it('searches a candidate through its own vectors and weights before the switch', async () => {
    const candidate = createRetrieval({
      pool: db.pool,
      embedder: createHashingEmbedder({ dimensions: 48 }),
      candidate: true,
    });
    expect(await candidate.backfillEmbeddings()).toBe(20);
    const weights = await candidate.calibrateFusion();
    expect(weights?.modelId).not.toBe(oldFusion?.modelId);
    const result = await candidate.search({ query: 'invoice2 rule', mode: 'hybrid' });
    expect(result.warnings).toEqual([]);
    expect(result.hits[0]?.ranks.vector).toBeDefined();
    expect((await old.stats()).fusion).toEqual(oldFusion);
  });

  it('switches with the new model calibrated, after which searches read the new vectors', async () => {
    expect(oldFusion).not.toBeNull();
    const { calibration } = await next.activateConfiguredModel();
    const stats = await next.stats();
    expect(stats.activeModel).toBe('hashing:48');
    expect(stats.fusion?.modelId).toBe(calibration?.modelId);
    expect(stats.fusion?.modelId).not.toBe(oldFusion?.modelId);
    const after = await next.search({ query: 'warranty4 rule', mode: 'hybrid' });
    expect(after.warnings).toEqual([]);
    expect(after.hits[0]?.articleId).toBe('warranty4');
    expect(after.hits[0]?.ranks.vector).toBeDefined();
    // A process still embedding with the old model must not compare its vectors with the new ones.
    expect((await old.search({ query: 'warranty4 rule' })).warnings[0]).toMatch(/vector search is off/);
  });

  it('drops the old vectors after the switch, keeps a candidate filled since, and keeps searching', async () => {
    // A third model filled beside the active one, not switched to: not "old", so kept.
    const candidate = createRetrieval({
      pool: db.pool,
      embedder: createHashingEmbedder({ dimensions: 64 }),
      candidate: true,
    });
    await candidate.backfillEmbeddings();
    expect(await next.dropInactiveModels()).toEqual({ dropped: ['hashing:32'], kept: ['hashing:64'] });
    expect((await next.embeddingModels()).map((m) => [m.name, m.embedded])).toEqual([
      ['hashing:48', 36],
      ['hashing:64', 36],
    ]);
    expect((await next.search({ query: 'coupon5 rule', mode: 'hybrid' })).hits[0]?.articleId).toBe('coupon5');

    // Dropping it takes its name; the active model and unknown names are refused, naming what is stored.
    await expect(next.dropModel('hashing:48')).rejects.toThrow('model hashing:48 is the active one');
    await expect(next.dropModel('hashing:99')).rejects.toThrow(
      'no stored model named hashing:99; stored: hashing:48, hashing:64',
    );
    await next.dropModel('hashing:64');
    expect((await next.embeddingModels()).map((m) => m.name)).toEqual(['hashing:48']);
  });
});
