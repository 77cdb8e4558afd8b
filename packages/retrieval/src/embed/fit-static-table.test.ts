import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFittedStaticTable } from './distill-static-table.js';
import type { Embedder } from './embedder.js';
import { fitStaticTable } from './fit-static-table.js';
import { createHashingEmbedder } from './hashing-embedder.js';
import type { PieceVocabulary } from './piece-tokenizer.js';
import { collectTrainingTexts, embedTrainingTexts } from './training-texts.js';

const D = 4;
const meanOf = (table: Float32Array, ids: readonly number[]) => {
  const out = new Array<number>(D).fill(0);
  for (const id of ids) for (let d = 0; d < D; d++) out[d] = (out[d] ?? 0) + (table[id * D + d] ?? 0) / ids.length;
  return out;
};
const cosine = (a: number[], b: number[]) => {
  const dot = a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b) || 1);
};

describe('fitStaticTable', () => {
  it('moves each text’s mean of rows onto the model’s vector of that text, and leaves unseen pieces alone', () => {
    // Six pieces (id 0 is unknown), texts built from pieces 1-4; piece 5 never appears.
    const initial = Float32Array.from({ length: 6 * D }, (_, i) => Math.sin(i + 1));
    const truth = Float32Array.from({ length: 6 * D }, (_, i) => Math.cos(3 * i));
    const texts = [[1, 2], [2, 3], [3, 4], [1, 4], [1, 2, 3], [2, 4, 0], [1], [4, 3, 3]];
    const targets = Float32Array.from(
      texts.flatMap((ids) =>
        meanOf(
          truth,
          ids.filter((id) => id !== 0),
        ),
      ),
    );
    const fitted = fitStaticTable({ initial, dimensions: D, texts, targets, lambda: 1e-4, iterations: 200 });
    texts.forEach((ids, t) => {
      const target = [...targets.subarray(t * D, (t + 1) * D)];
      const known = ids.filter((id) => id !== 0);
      expect(cosine(meanOf(fitted, known), target)).toBeGreaterThan(0.99);
      expect(cosine(meanOf(fitted, known), target)).toBeGreaterThan(cosine(meanOf(initial, known), target));
    });
    // The unseen piece keeps its row up to the prior's overall scale (fitted to the targets' scale).
    expect(Math.abs(cosine([...fitted.subarray(5 * D, 6 * D)], [...initial.subarray(5 * D, 6 * D)]))).toBeCloseTo(1, 6);
  });

  it('returns rows multiplied by the piece weights it was fitted with', () => {
    const initial = Float32Array.from({ length: 3 * D }, (_, i) => (i % 5) - 2);
    const weights = Float64Array.from([0, 0.1, 1]);
    const texts = [[1, 2], [2]];
    const targets = Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]);
    const fitted = fitStaticTable({ initial, weights, dimensions: D, texts, targets, lambda: 1e-4, iterations: 100 });
    // The embedder sums rows: the weighted mean's direction is the sum of the returned rows.
    const sum = [0, 1, 2, 3].map((d) => (fitted[1 * D + d] ?? 0) + (fitted[2 * D + d] ?? 0));
    expect(cosine(sum, [1, 0, 0, 0])).toBeGreaterThan(0.99);
    expect(cosine([...fitted.subarray(2 * D, 3 * D)], [0, 1, 0, 0])).toBeGreaterThan(0.99);
  });
});

describe('training texts', () => {
  it('takes chunks as indexing embeds them, their sentences alone and after the title, without code, the same on every run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'training-texts-'));
    try {
      await mkdir(join(dir, 'docs'));
      await writeFile(
        join(dir, 'docs', 'backups.md'),
        '# Backups\n\n## Restoring a file\n\nOpen the archive first. Then copy the file back to its folder.\n\n```\ntar xf backup.tar\n```\n',
      );
      const texts = await collectTrainingTexts([join(dir, 'docs')], 100);
      expect(texts).toContain('Open the archive first.');
      expect(texts).toContain('Then copy the file back to its folder.');
      expect(texts).toContain('Backups. Open the archive first.');
      expect(texts.some((t) => t.startsWith('Backups Backups › Restoring a file'))).toBe(true);
      expect(texts.some((t) => t === 'tar xf backup.tar')).toBe(false);
      expect(await collectTrainingTexts([join(dir, 'docs')], 100)).toEqual(texts);
      expect(await collectTrainingTexts([join(dir, 'docs')], 2)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resumes a stopped teacher run from its cache, embedding only the texts it had not reached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teacher-cache-'));
    try {
      const cachePath = join(dir, 'teacher.bin');
      const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);
      const model = createHashingEmbedder({ dimensions: 512 });
      // The hashing model, noting what it is asked to embed; with `calls`, it fails after that many calls.
      const recording = (log: string[], calls = Infinity): Embedder => ({
        ...model,
        async embed(batch) {
          if (calls-- <= 0) throw new Error('stopped');
          log.push(...batch);
          return model.embed(batch);
        },
      });
      const seen: string[] = [];
      await expect(embedTrainingTexts(texts, recording(seen, 1), { cachePath, batchSize: 4 })).rejects.toThrow(
        'stopped',
      );
      const resumed: string[] = [];
      const vectors = await embedTrainingTexts(texts, recording(resumed), { cachePath, batchSize: 4 });
      expect(seen).toEqual(texts.slice(0, 4));
      expect(resumed).toEqual(texts.slice(4));
      expect([...vectors.subarray(0, 512)]).toEqual((await model.embed([texts[0] ?? '']))[0]?.map(Math.fround));
      // Other texts do not reuse the file.
      const other: string[] = [];
      await embedTrainingTexts(['something else'], recording(other), { cachePath });
      expect(other).toEqual(['something else']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('buildFittedStaticTable', () => {
  // A toy vocabulary (six reserved rows, then words) and a toy teacher: enough for the fit to run.
  const words = ['▁refund', '▁card', '▁parcel', '▁canada', '▁password', '▁reset', '▁invoice', '▁vat'];
  const vocabulary: PieceVocabulary = [
    ...Array.from({ length: 6 }, (_, i) => [`<r${i}>`, null] as const),
    ...words.map((w, i) => [w, -1 - i] as const),
    // Single letters, as in any SentencePiece vocabulary, so every text can be cut into pieces.
    ...['▁', ...'abcdefghijklmnopqrstuvwxyz'].map((c) => [c, -20] as const),
  ];
  const raw = Float32Array.from({ length: vocabulary.length * 512 }, (_, i) => (i < 6 * 512 ? 0 : Math.sin(i * 0.37)));
  const teacherOf = (texts: string[], phase: number) => ({
    texts,
    vectors: Float32Array.from({ length: texts.length * 512 }, (_, i) => Math.cos(i * 0.11 + phase)),
  });
  const texts = ['refund card', 'parcel canada', 'password reset', 'vat invoice', 'refund invoice'];

  it('names each fit after its vectors, so tables fitted to two knowledge bases never share a model name', () => {
    const options = { dimensions: 4 };
    const a = buildFittedStaticTable({ raw, vocabulary }, teacherOf(texts, 0), options);
    const again = buildFittedStaticTable({ raw, vocabulary }, teacherOf(texts, 0), options);
    const other = buildFittedStaticTable({ raw, vocabulary }, teacherOf(texts, 1), options);
    expect(a.model).toMatch(/^static:use-lite-fit-4-[0-9a-f]{8}$/);
    expect(again.model).toBe(a.model);
    expect(other.model).not.toBe(a.model);
  });
});
