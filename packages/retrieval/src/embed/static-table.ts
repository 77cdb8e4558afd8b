import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PieceVocabulary } from './piece-tokenizer.js';

/** Where the distilled table ships: inside the package, so the static embedder needs no download. */
export const STATIC_TABLE_PATH = fileURLToPath(new URL('../../models/static-use-lite.bin', import.meta.url));

const MAGIC = 'SEMB';

/** One vector per vocabulary piece, frequency weights already applied; row i belongs to piece i. */
export interface StaticTable {
  /** The embedding model name stored with each vector. */
  model: string;
  dimensions: number;
  vocabulary: PieceVocabulary;
  /** rows × dimensions, row-major. */
  vectors: Float32Array;
  /**
   * A fitted table's PCA (the space it was fitted in): USE-lite's own vector of a question,
   * projected by it, lands among the table's chunk vectors. Tables built from the pieces alone
   * have none: their rows were never fitted to USE-lite's sentence vectors.
   */
  queryProjection?: QueryProjection;
}

/** USE-lite's 512 numbers minus `mean`, onto `axes` (dimensions × source, row-major). */
export interface QueryProjection {
  sourceDimensions: number;
  mean: Float32Array;
  axes: Float32Array;
}

const Header = z.object({
  // 2 adds the query projection after the rows; format 1 files (session 7 and before) still read.
  format: z.union([z.literal(1), z.literal(2)]),
  model: z.string().min(1),
  dimensions: z.number().int().min(1),
  rows: z.number().int().min(1),
  vocabulary: z.array(z.tuple([z.string(), z.number().nullable()])),
  projectionSource: z.number().int().min(1).optional(),
});

/**
 * Writes the table as "SEMB", a uint32 header length, a JSON header (model, vocabulary), a
 * float32 scale per row and the rows as int8: a quarter of float32, and the error (under half
 * a percent of each row's largest value) is far below what the distillation itself loses. A
 * query projection follows as float32 (the mean, then the axes): about half a megabyte.
 */
export async function writeStaticTable(path: string, table: StaticTable): Promise<number> {
  const bytes = encodeStaticTable(table);
  await writeFile(path, bytes);
  return bytes.length;
}

/** The bytes writeStaticTable writes (also what the database stores with a fitted model). */
export function encodeStaticTable(table: StaticTable): Buffer {
  const rows = table.vocabulary.length;
  const projection = table.queryProjection;
  if (
    projection !== undefined &&
    (projection.mean.length !== projection.sourceDimensions ||
      projection.axes.length !== projection.sourceDimensions * table.dimensions)
  )
    throw new Error(
      `static table ${table.model}: the query projection must hold ${projection.sourceDimensions} means and ${table.dimensions} × ${projection.sourceDimensions} axes`,
    );
  const header = Buffer.from(
    JSON.stringify({
      format: 2,
      model: table.model,
      dimensions: table.dimensions,
      rows,
      vocabulary: table.vocabulary,
      ...(projection === undefined ? {} : { projectionSource: projection.sourceDimensions }),
    }),
  );
  const scales = new Float32Array(rows);
  const values = new Int8Array(rows * table.dimensions);
  for (let r = 0; r < rows; r++) {
    const row = table.vectors.subarray(r * table.dimensions, (r + 1) * table.dimensions);
    let max = 0;
    for (const v of row) max = Math.max(max, Math.abs(v));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let d = 0; d < table.dimensions; d++) values[r * table.dimensions + d] = Math.round((row[d] ?? 0) / scale);
  }
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([
    Buffer.from(MAGIC),
    length,
    header,
    Buffer.from(scales.buffer),
    Buffer.from(values.buffer),
    // Views, not .buffer: the arrays may be windows onto a larger buffer.
    ...(projection === undefined ? [] : [projection.mean, projection.axes].map(bytesOf)),
  ]);
}

/** Reads a table written by writeStaticTable; a damaged or foreign file fails with its path named. */
export function readStaticTable(path: string = STATIC_TABLE_PATH): StaticTable {
  return decodeStaticTable(readFileSync(path), path);
}

/** Reads the bytes of a table; `origin` (a path, or where in the database) names it in errors. */
export function decodeStaticTable(data: Uint8Array, origin: string): StaticTable {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const fail = (why: string) =>
    new Error(`static embedding table ${origin}: ${why} (rebuild it with: pnpm kb distill)`);
  if (bytes.subarray(0, 4).toString() !== MAGIC) throw fail('not a static embedding table');
  const headerEnd = 8 + bytes.readUInt32LE(4);
  const parsed = Header.safeParse(JSON.parse(bytes.subarray(8, headerEnd).toString()));
  if (!parsed.success) throw fail('unreadable header');
  const { model, dimensions, rows, vocabulary, projectionSource: source } = parsed.data;
  const scalesEnd = headerEnd + rows * 4;
  const valuesEnd = scalesEnd + rows * dimensions;
  const projectionBytes = source === undefined ? 0 : 4 * (source + dimensions * source);
  if (vocabulary.length !== rows || bytes.length !== valuesEnd + projectionBytes) throw fail('truncated');
  // Copies: the header's length leaves the arrays unaligned inside the file's buffer.
  const slice = (start: number, end: number) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end);
  const scales = new Float32Array(slice(headerEnd, scalesEnd));
  const values = new Int8Array(slice(scalesEnd, valuesEnd));
  const vectors = new Float32Array(rows * dimensions);
  for (let r = 0; r < rows; r++) {
    const scale = scales[r] ?? 0;
    for (let d = 0; d < dimensions; d++) vectors[r * dimensions + d] = (values[r * dimensions + d] ?? 0) * scale;
  }
  if (source === undefined) return { model, dimensions, vocabulary, vectors };
  const meanEnd = valuesEnd + 4 * source;
  const mean = new Float32Array(slice(valuesEnd, meanEnd));
  const axes = new Float32Array(slice(meanEnd, meanEnd + 4 * dimensions * source));
  return { model, dimensions, vocabulary, vectors, queryProjection: { sourceDimensions: source, mean, axes } };
}

const bytesOf = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
