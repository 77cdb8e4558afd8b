import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from './embed/embedder.js';
import { createHashingEmbedder } from './embed/hashing-embedder.js';
import { type SourceItem, toSourceItem } from './ingest/article-input.js';
import { createRetrieval, type Retrieval } from './retrieval.js';

const article = (externalId: string, title: string, body: string, extra: Record<string, unknown> = {}): SourceItem =>
  toSourceItem(externalId, { externalId, title, body, ...extra });

const corpus = [
  article(
    'refunds.md',
    'Refund policy',
    '## Window\n\nRefunds are accepted within 30 days of delivery.\n\n## Timing\n\nMoney reaches your card in 5 to 10 business days.',
  ),
  article(
    'shipping.md',
    'Shipping times',
    'Standard shipping takes 3 to 5 business days in the EU. Express shipping arrives the next day.',
  ),
  article(
    'password.md',
    'Reset your password',
    'Click "Forgot password" on the sign-in page and follow the email link within 60 minutes.',
  ),
  article('escalation.md', 'Refund escalation playbook', 'Refunds over 500 dollars need approval from a team lead.', {
    visibility: 'internal',
  }),
  article('de-versand.md', 'Versandzeiten', 'Der Versand dauert drei bis fünf Werktage.', {
    locale: 'de',
    tags: ['shipping'],
  }),
];

describe('createRetrieval', () => {
  let db: Database;
  let retrieval: Retrieval;

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    const summary = await retrieval.index(corpus, { source: 'help' });
    expect(summary).toMatchObject({ added: 5, updated: 0, unchanged: 0, failed: [] });
  });
  afterAll(() => db.close());

  it('finds the article a natural-language question is about, in every mode', async () => {
    for (const mode of ['hybrid', 'keyword', 'vector'] as const) {
      const { hits } = await retrieval.search({ query: 'how long does shipping take to the EU?', mode });
      expect(hits[0]?.articleId, mode).toBe('shipping.md');
    }
  });

  it('matches a question even when most of its words appear in no article (OR semantics)', async () => {
    const { hits } = await retrieval.search({
      query: 'my grandmother wonders whether refunds ever happen',
      mode: 'keyword',
    });
    expect(hits[0]?.articleId).toBe('refunds.md');
  });

  it('explains each hit with its heading path and per-branch ranks', async () => {
    const { hits } = await retrieval.search({ query: 'when does the refund money reach my card', k: 1 });
    expect(hits[0]).toMatchObject({ articleId: 'refunds.md', title: 'Refund policy', url: null });
    expect(hits[0]?.ranks.keyword?.rank).toBe(1);
    expect(hits[0]?.ranks.vector?.rank).toBeGreaterThanOrEqual(1);
  });

  it('never returns an internal article to a public-only search', async () => {
    const { hits } = await retrieval.search({ query: 'refund escalation approval team lead', k: 10 });
    expect(hits.map((h) => h.articleId)).not.toContain('escalation.md');
    const internal = await retrieval.search({
      query: 'refund escalation approval team lead',
      filters: { visibility: ['public', 'internal'] },
    });
    expect(internal.hits[0]?.articleId).toBe('escalation.md');
  });

  it('applies locale and tag filters inside both branches', async () => {
    const { hits } = await retrieval.search({
      query: 'Versand Werktage shipping',
      filters: { visibility: ['public'], locale: 'de' },
    });
    expect(hits.map((h) => h.articleId)).toEqual(['de-versand.md']);
    const tagged = await retrieval.search({
      query: 'shipping',
      filters: { visibility: ['public'], tags: ['shipping'] },
    });
    expect(tagged.hits.map((h) => h.articleId)).toEqual(['de-versand.md']);
  });

  it('searches an article in its own language: German word forms meet, German stop words are not indexed', async () => {
    // "Versandes" and "dauerte" stem to the forms of "Versand" and "dauert" in German, not in English.
    for (const filters of [{ visibility: ['public' as const] }, { visibility: ['public' as const], locale: 'de' }]) {
      const { hits } = await retrieval.search({ query: 'Wie lange dauerte des Versandes?', mode: 'keyword', filters });
      expect(hits[0]?.articleId).toBe('de-versand.md');
    }
    const { rows } = await db.pool.query<{ lexeme: string }>(
      `SELECT t.lexeme FROM chunk_terms t JOIN chunks c ON c.id = t.chunk_id JOIN articles a ON a.id = c.article_id
       WHERE a.external_id = 'de-versand.md' ORDER BY t.lexeme`,
    );
    expect(rows.map((r) => r.lexeme)).toContain('versand');
    expect(rows.map((r) => r.lexeme)).not.toContain('der');
    // English articles are tokenised as before.
    const english = await retrieval.search({ query: 'shipped', mode: 'keyword' });
    expect(english.hits[0]?.articleId).toBe('shipping.md');
  });

  it('rejects an empty query, naming the field', async () => {
    await expect(retrieval.search({ query: '   ' })).rejects.toThrow('query: must not be empty');
  });

  it('re-indexing unchanged articles writes and embeds nothing', async () => {
    const summary = await retrieval.index(corpus, { source: 'help' });
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 5, embedded: 0 });
  });
});

describe('an embedder that reads questions its own way (a fitted static table reads them with USE-lite)', () => {
  it('embeds the question with embedQueries and the chunks with embed', async () => {
    const db = await openTestDatabase();
    try {
      const hashing = createHashingEmbedder();
      const asked: string[] = [];
      // This question model reads every question as the password article: only a search that
      // embeds the question through it can rank that article first for a shipping question.
      const embedder: Embedder = {
        model: hashing.model,
        dimensions: hashing.dimensions,
        embed: (texts, ctx) => hashing.embed(texts, ctx),
        async embedQueries(texts) {
          asked.push(...texts);
          return hashing.embed(texts.map(() => 'Reset your password: click "Forgot password" on the sign-in page'));
        },
      };
      const retrieval = createRetrieval({ pool: db.pool, embedder });
      await retrieval.index(corpus, { source: 'help' });
      expect(asked).toEqual([]);
      const { hits } = await retrieval.search({ query: 'how long does shipping take to the EU?', mode: 'vector' });
      expect(hits[0]?.articleId).toBe('password.md');
      expect(asked).toEqual(['how long does shipping take to the EU?']);
      await retrieval.warmUp();
      expect(asked).toHaveLength(2);
    } finally {
      await db.close();
    }
  });
});
