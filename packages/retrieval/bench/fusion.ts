import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DatabaseEnv, type Pool, parseEnv } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { percentile } from '../eval/metrics.js';
import { createHashingEmbedder, createLocalEmbedder, createRetrieval, type Retrieval } from '../src/index.js';
import { DEFAULT_FUSION } from '../src/retrieval.js';
import { CALIBRATION_QUERIES, pseudoQueryFromChunk } from '../src/search/calibrate-fusion.js';
import { fillSynthetic } from './bulk-fill.js';
import { syntheticQueries } from './synthetic-kb.js';

const USAGE =
  'usage: DATABASE_URL=postgres://... pnpm bench fusion [--articles 8000] [--queries 200] [--local-embedder] [--json]';

/**
 * `pnpm bench fusion`: how long calibrating fusion takes on a synthetic knowledge base, and what
 * calibrated weights cost a hybrid search (against fixed weights, same database, interleaved).
 * With --local-embedder it also times embedding the pseudo-queries with USE-lite, the part of a
 * real calibration the hashing vectors make free. Figures are printed, never asserted.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      articles: { type: 'string', default: '8000' },
      queries: { type: 'string', default: '200' },
      'local-embedder': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const articles = Number(values.articles);
  const queryCount = Number(values.queries);
  const env = parseEnv(DatabaseEnv, process.env);
  if (
    !Number.isInteger(articles) ||
    articles < 100 ||
    !Number.isInteger(queryCount) ||
    env.DATABASE_URL === undefined
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const embedder = createHashingEmbedder({ dimensions: 256 });
  const db = await openScratchDatabase({ serverUrl: env.DATABASE_URL });
  try {
    // Default synthetic articles have two to four sections: most span several chunks.
    const filled = await fillSynthetic(db.pool, embedder, articles, {});
    const calibrated = createRetrieval({ pool: db.pool, embedder });
    const fixed = createRetrieval({ pool: db.pool, embedder, fusion: DEFAULT_FUSION });
    const started = performance.now();
    const calibration = await calibrated.calibrateFusion();
    const calibrationSeconds = (performance.now() - started) / 1000;
    const localEmbedSeconds = values['local-embedder'] ? await timeLocalEmbedding(db.pool) : undefined;
    const queries = syntheticQueries(queryCount, articles, {}).map((q) => q.text);
    await measure(calibrated, queries.slice(0, 20));
    await measure(fixed, queries.slice(0, 20));
    const latency = { calibrated: [] as number[], fixed: [] as number[] };
    for (const query of queries) {
      latency.calibrated.push(...(await measure(calibrated, [query])));
      latency.fixed.push(...(await measure(fixed, [query])));
    }
    const figures = {
      articles,
      chunks: filled.chunks,
      calibrationSeconds: round(calibrationSeconds),
      localEmbedSeconds: localEmbedSeconds === undefined ? null : round(localEmbedSeconds),
      weights: calibration && { keyword: calibration.keywordWeight, vector: calibration.vectorWeight },
      hybridMs: {
        calibrated: {
          p50: round(percentile(latency.calibrated, 0.5)),
          p95: round(percentile(latency.calibrated, 0.95)),
        },
        fixed: { p50: round(percentile(latency.fixed, 0.5)), p95: round(percentile(latency.fixed, 0.95)) },
      },
      loadavg: round(loadavg()[0] ?? 0),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
    else {
      const h = figures.hybridMs;
      const lines = [
        `fusion bench on postgres: ${articles} articles, ${filled.chunks} chunks, hashing vectors, load ${figures.loadavg}`,
        `calibration: ${figures.calibrationSeconds} s (${calibration?.pseudoQueries ?? 0} pseudo-queries), weights keyword ${figures.weights?.keyword}, vector ${figures.weights?.vector}`,
        ...(figures.localEmbedSeconds === null
          ? []
          : [`embedding the pseudo-queries with USE-lite: ${figures.localEmbedSeconds} s more`]),
        `hybrid search, ${queries.length} queries: calibrated p50 ${h.calibrated.p50} ms, p95 ${h.calibrated.p95} ms; fixed weights p50 ${h.fixed.p50} ms, p95 ${h.fixed.p95} ms`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

async function measure(retrieval: Retrieval, queries: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await retrieval.search({ query, k: 10 });
    out.push(performance.now() - started);
  }
  return out;
}

// The local model's cost for one calibration: loading excluded (a running process has it loaded).
async function timeLocalEmbedding(pool: Pool) {
  const { rows } = await pool.query<{ text: string }>('SELECT text FROM chunks ORDER BY md5(id::text) LIMIT $1::int', [
    CALIBRATION_QUERIES,
  ]);
  const texts = rows.map((r) => pseudoQueryFromChunk(r.text) ?? r.text);
  const local = createLocalEmbedder();
  await local.embed(['warm up']);
  const started = performance.now();
  await local.embed(texts);
  return (performance.now() - started) / 1000;
}

const round = (v: number) => Math.round(v * 100) / 100;
