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
});
