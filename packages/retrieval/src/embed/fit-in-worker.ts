import { Worker } from 'node:worker_threads';
import type { CorpusFitOptions } from './fit-to-corpus.js';
import { decodeStaticTable, type StaticTable } from './static-table.js';

type WorkerMessage =
  | { kind: 'progress'; stage: 'training texts' | 'vocabulary pieces'; done: number; total: number }
  | { kind: 'table'; bytes: Uint8Array }
  | { kind: 'error'; message: string };

/**
 * fitStaticTableToTexts in a worker thread, for a process that serves requests while it fits (the
 * API's re-index jobs): the event loop stays free, and aborting `signal` stops the worker at once.
 */
export function fitStaticTableInWorker(
  texts: readonly string[],
  options: { what?: string; signal?: AbortSignal; onProgress?: CorpusFitOptions['onProgress'] } = {},
): Promise<StaticTable> {
  const { signal } = options;
  signal?.throwIfAborted();
  const worker = new Worker(new URL('./fit-worker.mjs', import.meta.url), {
    workerData: { texts, what: options.what ?? 'the source' },
  });
  let onAbort: (() => void) | undefined;
  return new Promise<StaticTable>((resolve, reject) => {
    onAbort = () => {
      reject(signal?.reason);
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') options.onProgress?.(message.stage, message.done, message.total);
      else if (message.kind === 'table') resolve(decodeStaticTable(message.bytes, 'fitted in a worker thread'));
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    // After a settled promise this changes nothing; before, the worker died without a word.
    worker.on('exit', (code) => reject(new Error(`the table's fit stopped: its worker exited with code ${code}`)));
  }).finally(() => {
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  });
}
