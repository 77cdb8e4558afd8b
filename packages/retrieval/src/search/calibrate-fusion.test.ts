import { afterAll, describe, expect, it } from 'vitest';
import { createRecordedEmbedder } from '../../eval/recorded-embedder.js';
import { indexSlice, meanNdcg, SLICE } from '../../eval/stackfaq-slice.js';
import { createLocalEmbedder } from '../embed/local-embedder.js';
import { pseudoQueryFromChunk } from './calibrate-fusion.js';

// The other half of the calibration's promise (noise gets no weight) is in
// calibrate-fusion.noise.test.ts: two files, so the two indexes are built in parallel.
describe('fusion calibration with a real embedder', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(closing.map((close) => close())));

  it('still gains from the vector side on paraphrased questions', async () => {
    // USE-lite's own vectors, recorded by eval/record-stackfaq-slice.ts: the model does not run here.
    const embedder = await createRecordedEmbedder(`${SLICE}/use-lite.vectors`, () => createLocalEmbedder());
    const { db, retrieval } = await indexSlice(embedder);
    closing.push(() => db.close());
    const { fusion } = await retrieval.stats();
    expect(fusion?.vectorWeight).toBeGreaterThan(0.1);
    expect(await meanNdcg(retrieval, 'hybrid')).toBeGreaterThan(await meanNdcg(retrieval, 'keyword'));
  }, 300_000);
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
