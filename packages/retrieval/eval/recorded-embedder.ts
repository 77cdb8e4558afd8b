import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Embedder } from '../src/embed/embedder.js';

// USE-lite's vectors for a fixed set of texts, recorded once, so the fusion tests prove what the
// real model's vectors do to a ranking without spending a minute of model time per run (CI runs
// the suite four times). A text that is not in the recording (the chunker or the pseudo-query
// rule changed) is embedded by the live model, with a warning to record again.

const HEADER = 8;
const KEY = 16;

/** Texts and their vectors, keyed by a hash of the text. */
export type Recording = Map<string, number[]>;

const keyOf = (text: string) =>
  createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, KEY * 2);

/** An embedder that answers from `file` and asks `live()` (created on the first miss) for the rest. */
export async function createRecordedEmbedder(
  file: string,
  live: () => Embedder,
  warn: (message: string) => void = (m) => process.emitWarning(m),
): Promise<Embedder> {
  const recording = await readRecording(file);
  let fallback: Embedder | undefined;
  let warned = false;
  const base = live;
  return {
    model: 'local:use-lite-512',
    dimensions: 512,
    async embed(texts, ctx) {
      const missing = texts.filter((t) => !recording.has(keyOf(t)));
      if (missing.length > 0) {
        if (!warned) warn(`${file}: ${missing.length} texts not recorded, embedding them live; record again`);
        warned = true;
        fallback ??= base();
        const vectors = await fallback.embed(missing, ctx);
        missing.forEach((t, i) => {
          recording.set(keyOf(t), vectors[i] ?? []);
        });
      }
      return texts.map((t) => recording.get(keyOf(t)) ?? []);
    },
  };
}

/** Wraps an embedder so that every text it embeds is kept, for writeRecording. */
export function recordingEmbedder(inner: Embedder): { embedder: Embedder; recording: Recording } {
  const recording: Recording = new Map();
  return {
    recording,
    embedder: {
      model: inner.model,
      dimensions: inner.dimensions,
      async embed(texts, ctx) {
        const vectors = await inner.embed(texts, ctx);
        texts.forEach((t, i) => {
          recording.set(keyOf(t), vectors[i] ?? []);
        });
        return vectors;
      },
    },
  };
}

/** Writes vectors as int8 with a scale per row: a quarter of float32, cosines within ~0.001. */
export async function writeRecording(file: string, recording: Recording, dimensions: number): Promise<void> {
  const row = KEY + 4 + dimensions;
  const out = Buffer.alloc(HEADER + recording.size * row);
  out.writeUInt32LE(recording.size, 0);
  out.writeUInt32LE(dimensions, 4);
  [...recording].forEach(([key, vector], i) => {
    const at = HEADER + i * row;
    Buffer.from(key, 'hex').copy(out, at);
    const scale = Math.max(...vector.map(Math.abs), 1e-12) / 127;
    out.writeFloatLE(scale, at + KEY);
    vector.forEach((v, d) => {
      out.writeInt8(Math.round(v / scale), at + KEY + 4 + d);
    });
  });
  await writeFile(file, out);
}

async function readRecording(file: string): Promise<Recording> {
  const bytes = await readFile(file);
  const count = bytes.readUInt32LE(0);
  const dimensions = bytes.readUInt32LE(4);
  const row = KEY + 4 + dimensions;
  if (bytes.length !== HEADER + count * row)
    throw new Error(`${file}: damaged recording (size does not match its header)`);
  const recording: Recording = new Map();
  for (let i = 0; i < count; i++) {
    const at = HEADER + i * row;
    const scale = bytes.readFloatLE(at + KEY);
    const vector = Array.from({ length: dimensions }, (_, d) => bytes.readInt8(at + KEY + 4 + d) * scale);
    recording.set(bytes.subarray(at, at + KEY).toString('hex'), vector);
  }
  return recording;
}
