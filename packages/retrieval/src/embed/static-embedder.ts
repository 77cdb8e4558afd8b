import type { Embedder } from './embedder.js';
import { createLocalEmbedder } from './local-embedder.js';
import { createPieceTokenizer } from './piece-tokenizer.js';
import { type QueryProjection, readStaticTable, type StaticTable } from './static-table.js';

// Texts embedded between yields to the event loop: ~5 ms of work, so an API re-indexing in the
// background keeps answering.
const TEXTS_PER_SLICE = 32;

/** How the static embedder is built. */
export interface StaticEmbedderOptions {
  table?: StaticTable;
  tablePath?: string;
  /**
   * Who reads questions when the table is a fitted one (it carries a query projection): 'model'
   * (default) runs USE-lite on them and projects its vector into the table's space; 'table' keeps
   * every text on the table, with no model in the process. Tables without a projection always
   * use the table.
   */
  questions?: 'model' | 'table';
  /** USE-lite for questions; built on first question when absent (one worker thread). */
  questionModel?: () => Embedder;
}

/**
 * A static embedder distilled from USE-lite (the Model2Vec recipe, `pnpm kb distill`): a text's
 * vector is the mean of its pieces' vectors, pieces found by USE-lite's own tokenizer, each piece
 * vector weighted down by how common the piece is. No model runs: about a thousand times cheaper
 * than USE-lite per chunk, in plain TypeScript. Word order and context are lost; hybrid search's
 * keyword side carries most of the ranking anyway (docs/INGEST.md has the figures).
 *
 * A table fitted to the knowledge base (`pnpm kb distill --corpus`) makes a chunk's mean land near
 * USE-lite's vector of that chunk; what it cannot imitate is USE-lite reading an unseen paraphrase,
 * and questions are exactly that. So with such a table questions go through USE-lite itself (one
 * model call each, as with the local embedder) and are projected into the table's space, while
 * indexing keeps the table's speed: on stackfaq this beats USE-lite on both sides (docs/INGEST.md).
 */
export function createStaticEmbedder(options: StaticEmbedderOptions = {}): Embedder {
  // Read at construction (a few MB, ~50 ms): the model name and dimensions come from the table.
  const table = options.table ?? readStaticTable(options.tablePath);
  const embedText = buildEmbedText(table);
  const embedder: Embedder = {
    model: table.model,
    dimensions: table.dimensions,
    async embed(texts, ctx = {}) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += TEXTS_PER_SLICE) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        ctx.signal?.throwIfAborted();
        for (const text of texts.slice(i, i + TEXTS_PER_SLICE)) out.push(embedText(text));
      }
      return out;
    },
  };
  const projection = table.queryProjection;
  if (projection === undefined || options.questions === 'table') return embedder;
  const project = buildProjection(projection, table.dimensions);
  let questionModel: Embedder | undefined;
  return {
    ...embedder,
    async embedQueries(texts, ctx) {
      // The worker starts on the first question and holds the process open only while it works.
      questionModel ??= options.questionModel?.() ?? createLocalEmbedder({ threads: 1 });
      if (questionModel.dimensions !== projection.sourceDimensions)
        throw new Error(
          `static embedder: the question model gives ${questionModel.dimensions} dimensions, the table's projection expects ${projection.sourceDimensions}`,
        );
      return (await questionModel.embed(texts, ctx)).map(project);
    },
  };
}

// (v − mean) onto the axes, then unit length: how the fit's targets were made.
function buildProjection(projection: QueryProjection, dimensions: number): (vector: number[]) => number[] {
  const { mean, axes, sourceDimensions: source } = projection;
  return (vector) => {
    const out = new Array<number>(dimensions).fill(0);
    let norm = 0;
    for (let c = 0; c < dimensions; c++) {
      let sum = 0;
      for (let d = 0; d < source; d++) sum += ((vector[d] ?? 0) - (mean[d] ?? 0)) * (axes[c * source + d] ?? 0);
      out[c] = sum;
      norm += sum * sum;
    }
    norm = Math.sqrt(norm) || 1;
    return out.map((v) => v / norm);
  };
}

function buildEmbedText(table: StaticTable): (text: string) => number[] {
  const tokenize = createPieceTokenizer(table.vocabulary);
  const { dimensions, vectors } = table;
  return (text) => {
    const sum = new Float64Array(dimensions);
    // The model sees a newline or tab as an unknown symbol; here every run of white space is a word break.
    for (const id of tokenize(text.replace(/\s+/g, ' ').trim())) {
      if (id === 0) continue;
      const row = id * dimensions;
      for (let d = 0; d < dimensions; d++) sum[d] = (sum[d] ?? 0) + (vectors[row + d] ?? 0);
    }
    let norm = 0;
    for (const v of sum) norm += v * v;
    norm = Math.sqrt(norm);
    // A text with no known piece still needs a valid (non-zero) vector for cosine distance.
    if (norm === 0) return Array.from({ length: dimensions }, (_, d) => (d === 0 ? 1 : 0));
    return Array.from(sum, (v) => v / norm);
  };
}
