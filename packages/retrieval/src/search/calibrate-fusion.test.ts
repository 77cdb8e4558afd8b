import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readBeirJudgments } from '../../eval/beir.js';
import { ndcgAt } from '../../eval/metrics.js';
import type { Embedder } from '../embed/embedder.js';
import { createHashingEmbedder } from '../embed/hashing-embedder.js';
import { createLocalEmbedder } from '../embed/local-embedder.js';
import { readBeirCorpus } from '../ingest/read-beir.js';
import { createRetrieval, DEFAULT_FUSION, type Retrieval } from '../retrieval.js';
import { pseudoQueryFromChunk } from './calibrate-fusion.js';

// The StackFAQ threads, shortened, with two paraphrased questions each (see eval/fixtures/README.md).
const SLICE = fileURLToPath(new URL('../../eval/fixtures/stackfaq-slice', import.meta.url));

/** Mean nDCG@10 over the slice's questions (every `step`-th one: the local model embeds slowly). */
async function meanNdcg(retrieval: Retrieval, mode: 'hybrid' | 'keyword' | 'vector', step = 1): Promise<number> {
  const { queries, qrels } = await readBeirJudgments(SLICE);
  const picked = [...queries].filter((_, i) => i % step === 0);
  let total = 0;
  for (const [id, query] of picked) {
    const { hits } = await retrieval.search({ query, mode, k: 10 });
    total += ndcgAt(
      hits.map((h) => h.articleId),
      qrels.get(id) ?? new Map(),
      10,
    );
  }
  return total / picked.length;
}

/**
 * The hashing embedder over text scrambled beyond recognition: each text becomes words drawn from
 * a fixed vocabulary by a generator seeded with the text's hash, so its vector is noise that has
 * nothing to do with what the text says (but is the same for the same text).
 */
function scrambledEmbedder(): Embedder {
  const hashing = createHashingEmbedder();
  const vocabulary = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike'.split(' ');
  const scramble = (text: string) => {
    const digest = createHash('sha256').update(text).digest();
    return [...digest].map((byte) => vocabulary[byte % vocabulary.length]).join(' ');
  };
  return {
    model: 'scrambled-hashing',
    dimensions: hashing.dimensions,
    embed: (texts) => hashing.embed(texts.map(scramble)),
  };
}

describe('fusion calibration', () => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((db) => db.close())));

  async function indexSlice(embedder: Embedder): Promise<{ db: Database; retrieval: Retrieval }> {
    const db = await openTestDatabase();
    opened.push(db);
    const retrieval = createRetrieval({ pool: db.pool, embedder });
    await retrieval.index(readBeirCorpus(`${SLICE}/corpus.jsonl`), { source: 'faq' });
    return { db, retrieval };
  }

  it('keeps hybrid search at least as good as keyword search when the vector side is noise', async () => {
    const { db, retrieval } = await indexSlice(scrambledEmbedder());
    const { fusion } = await retrieval.stats();
    expect(fusion?.vectorWeight).toBe(0);
    const keyword = await meanNdcg(retrieval, 'keyword');
    expect(await meanNdcg(retrieval, 'hybrid')).toBeGreaterThanOrEqual(keyword);
    // The uncalibrated default lets the noise reorder keyword's ranking: what calibration prevents.
    const fixed = createRetrieval({ pool: db.pool, embedder: scrambledEmbedder(), fusion: DEFAULT_FUSION });
    expect(await meanNdcg(fixed, 'hybrid')).toBeLessThan(keyword);
  }, 600_000);

  it('still gains from the vector side on paraphrased questions', async () => {
    const { retrieval } = await indexSlice(createLocalEmbedder());
    const { fusion } = await retrieval.stats();
    expect(fusion?.vectorWeight).toBeGreaterThan(0.1);
    expect(await meanNdcg(retrieval, 'hybrid', 2)).toBeGreaterThan(await meanNdcg(retrieval, 'keyword', 2));
  }, 900_000);
});

describe('pseudoQueryFromChunk', () => {
  it('takes the first sentence of prose, skipping headings, tables and code', () => {
    const chunk =
      '## Install\n\n```sh\nnpm install --save the-package and more words here\n```\n| a | b |\n' +
      'Short one. The client retries a failed request three times before it gives up. Then more.';
    expect(pseudoQueryFromChunk(chunk)).toBe('The client retries a failed request three times before it gives up');
  });

  it('gives nothing for a chunk without a sentence of six words', () => {
    expect(pseudoQueryFromChunk('## Options\n\n`timeout`: number.')).toBeUndefined();
  });
});
