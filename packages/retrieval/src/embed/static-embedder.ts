import type { Embedder } from './embedder.js';
import { createPieceTokenizer } from './piece-tokenizer.js';
import { readStaticTable, type StaticTable } from './static-table.js';

// Texts embedded between yields to the event loop: ~5 ms of work, so an API re-indexing in the
// background keeps answering.
const TEXTS_PER_SLICE = 32;

/**
 * A static embedder distilled from USE-lite (the Model2Vec recipe, `pnpm kb distill`): a text's
 * vector is the mean of its pieces' vectors, pieces found by USE-lite's own tokenizer, each piece
 * vector weighted down by how common the piece is. No model runs: about a thousand times cheaper
 * than USE-lite per chunk, in plain TypeScript. Word order and context are lost; hybrid search's
 * keyword side carries most of the ranking anyway (docs/INGEST.md has the figures).
 */
export function createStaticEmbedder(options: { table?: StaticTable; tablePath?: string } = {}): Embedder {
  // Read at construction (a few MB, ~50 ms): the model name and dimensions come from the table.
  const table = options.table ?? readStaticTable(options.tablePath);
  const embedText = buildEmbedText(table);
  return {
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
