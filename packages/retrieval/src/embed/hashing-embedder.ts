import { createHash } from 'node:crypto';
import type { Embedder } from './embedder.js';

/**
 * A deterministic bag-of-words embedder (feature hashing of lower-cased words and word pairs).
 * No model, microseconds per text: for tests, benchmarks at scale, and machines where the
 * local model cannot run. Texts that share words get similar vectors; synonyms do not.
 */
export function createHashingEmbedder(options: { dimensions?: number } = {}): Embedder {
  const dimensions = options.dimensions ?? 256;
  return {
    model: `hashing:${dimensions}`,
    dimensions,
    async embed(texts) {
      return texts.map((text) => hashText(text, dimensions));
    },
  };
}

function hashText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const features = [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)];
  for (const feature of features) {
    const digest = createHash('md5').update(feature).digest();
    const slot = digest.readUInt32LE(0) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
  }
  const norm = Math.hypot(...vector) || 1;
  // A text with no words still needs a valid (non-zero) vector for cosine distance.
  return norm === 1 && features.length === 0 ? vector.map((_, i) => (i === 0 ? 1 : 0)) : vector.map((v) => v / norm);
}
