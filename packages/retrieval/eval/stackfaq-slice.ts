import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import type { Embedder } from '../src/embed/embedder.js';
import { createHashingEmbedder } from '../src/embed/hashing-embedder.js';
import { readBeirCorpus } from '../src/ingest/read-beir.js';
import { createRetrieval, type Retrieval } from '../src/retrieval.js';
import { readBeirJudgments } from './beir.js';
import { ndcgAt } from './metrics.js';

// What the fusion tests share: the StackFAQ threads, shortened, with two paraphrased questions
// each (see fixtures/README.md), indexed into a test database.

/** The slice's BEIR folder. */
export const SLICE = fileURLToPath(new URL('./fixtures/stackfaq-slice', import.meta.url));

/** Indexes the slice with `embedder` (which calibrates fusion, as any index run does). */
export async function indexSlice(embedder: Embedder): Promise<{ db: Database; retrieval: Retrieval }> {
  const db = await openTestDatabase();
  const retrieval = createRetrieval({ pool: db.pool, embedder });
  await retrieval.index(readBeirCorpus(`${SLICE}/corpus.jsonl`), { source: 'faq' });
  return { db, retrieval };
}

/**
 * Mean nDCG@10 over one question of each thread (the first of its two): 125 questions keep the
 * comparisons the tests make and halve their searches.
 */
export async function meanNdcg(retrieval: Retrieval, mode: 'hybrid' | 'keyword' | 'vector'): Promise<number> {
  const { queries, qrels } = await readBeirJudgments(SLICE);
  const picked = [...queries].filter((_, i) => i % 2 === 0);
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
export function scrambledEmbedder(): Embedder {
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
