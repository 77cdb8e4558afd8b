// The fit of a static table in a worker thread (fitStaticTableInWorker): USE-lite over the vocabulary
// and the PCA and ridge solve hold the thread they run on for minutes, and a process that serves
// requests cannot give them its event loop. The fit is TypeScript, and a worker gets no loader from
// a test runner (Node 20 cannot strip types), so tsx loads it.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { fitStaticTableToTexts } = await tsImport('./fit-to-corpus.ts', import.meta.url);
const { encodeStaticTable } = await tsImport('./static-table.ts', import.meta.url);
try {
  const table = await fitStaticTableToTexts(
    workerData.texts,
    { onProgress: (stage, done, total) => parentPort.postMessage({ kind: 'progress', stage, done, total }) },
    workerData.what,
  );
  // A copy with a buffer of its own: Buffer's may be a shared pool, and the transfer takes it whole.
  const bytes = new Uint8Array(encodeStaticTable(table));
  parentPort.postMessage({ kind: 'table', bytes }, [bytes.buffer]);
} catch (error) {
  parentPort.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
}
