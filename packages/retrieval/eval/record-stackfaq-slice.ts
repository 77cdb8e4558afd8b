import { fileURLToPath } from 'node:url';
import { openScratchDatabase } from '@support/db/testing';
import { createLocalEmbedder } from '../src/embed/local-embedder.js';
import { readBeirCorpus } from '../src/ingest/read-beir.js';
import { createRetrieval } from '../src/retrieval.js';
import { pseudoQueryFromChunk } from '../src/search/calibrate-fusion.js';
import { readBeirJudgments } from './beir.js';
import { recordingEmbedder, writeRecording } from './recorded-embedder.js';

// Records USE-lite's vectors for everything the fusion tests embed over the stackfaq slice: its
// chunks, a pseudo-query of every chunk, and every question. Run after changing the chunker or
// the pseudo-query rule: `pnpm exec tsx packages/retrieval/eval/record-stackfaq-slice.ts`.

const SLICE = fileURLToPath(new URL('./fixtures/stackfaq-slice', import.meta.url));
const { embedder, recording } = recordingEmbedder(createLocalEmbedder({ threads: 2 }));
const db = await openScratchDatabase();
try {
  const retrieval = createRetrieval({ pool: db.pool, embedder });
  await retrieval.index(readBeirCorpus(`${SLICE}/corpus.jsonl`), { source: 'faq' });
  const { rows } = await db.pool.query<{ text: string }>('SELECT text FROM chunks');
  const pseudo = rows.map((r) => pseudoQueryFromChunk(r.text)).filter((t): t is string => t !== undefined);
  await embedder.embed(pseudo);
  const { queries } = await readBeirJudgments(SLICE);
  for (const query of queries.values()) await retrieval.search({ query, mode: 'hybrid', k: 10 });
  await writeRecording(`${SLICE}/use-lite.vectors`, recording, embedder.dimensions);
  process.stderr.write(`recorded ${recording.size} texts\n`);
} finally {
  await db.close();
}
process.exit(0);
