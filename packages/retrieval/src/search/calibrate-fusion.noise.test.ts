import { afterAll, describe, expect, it } from 'vitest';
import { indexSlice, meanNdcg, scrambledEmbedder } from '../../eval/stackfaq-slice.js';
import { createRetrieval, DEFAULT_FUSION } from '../retrieval.js';

describe('fusion calibration with a vector side that is noise', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(closing.map((close) => close())));

  it('keeps hybrid search at least as good as keyword search', async () => {
    const { db, retrieval } = await indexSlice(scrambledEmbedder());
    closing.push(() => db.close());
    const { fusion } = await retrieval.stats();
    expect(fusion?.vectorWeight).toBe(0);
    const keyword = await meanNdcg(retrieval, 'keyword');
    expect(await meanNdcg(retrieval, 'hybrid')).toBeGreaterThanOrEqual(keyword);
    // The uncalibrated default lets the noise reorder keyword's ranking: what calibration prevents.
    const fixed = createRetrieval({ pool: db.pool, embedder: scrambledEmbedder(), fusion: DEFAULT_FUSION });
    expect(await meanNdcg(fixed, 'hybrid')).toBeLessThan(keyword);
  }, 300_000);
});
