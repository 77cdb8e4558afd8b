import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DatabaseEnv, type Pool, parseEnv, withTransaction } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { percentile } from '../eval/metrics.js';
import { EmbedderEnv } from '../src/embed/embedder-env.js';
import { createHashingEmbedder, createRetrieval, type Embedder, embedQueries, type Retrieval } from '../src/index.js';
import type { EmbeddingModel } from '../src/queries/embeddings.js';
import { type SearchFilters, searchVector, vectorSearchSql } from '../src/queries/search.js';
import { fillSynthetic } from './bulk-fill.js';
import { RARE_TAG, type SyntheticQuery, syntheticQueries } from './synthetic-kb.js';

const USAGE = 'usage: DATABASE_URL=postgres://... pnpm bench search [--sizes 10000,100000] [--queries 200] [--json]';
const MODES = ['hybrid', 'vector', 'keyword'] as const;
type Mode = (typeof MODES)[number];
const K = 10;
// What search asks of the vector branch for k=10 (depth max(4k, 50)); sessions run with ef_search 200.
const DEPTH = 50;
// Recall is also measured with a four times wider HNSW candidate list than the product's 200.
const WIDE_EF_SEARCH = 800;
// One untitled section of 60-180 words: one chunk per article, so a size in chunks is one in articles.
const SNIPPET = { minWords: 60, maxWords: 180, minSections: 0, maxSections: 0 };
// 1% of articles carry the rare tag; a topic tag is on a sixth of them (synthetic-kb cycles six topics).
const FILTERS: { name: string; filters: SearchFilters; modes: readonly Mode[] }[] = [
  { name: 'all public', filters: { visibility: ['public'] }, modes: MODES },
  { name: 'tag 1%', filters: { visibility: ['public'], tags: [RARE_TAG] }, modes: MODES },
  { name: 'tag 17%', filters: { visibility: ['public'], tags: ['billing'] }, modes: MODES },
];

interface FilterFigures {
  filter: string;
  /** Latency per mode; targetAt10 is the share of queries whose target article is in the top 10 (unfiltered only). */
  modes: Partial<Record<Mode, { p50Ms: number; p95Ms: number; targetAt10?: number }>>;
  /** Recall@10 of the vector branch against exact neighbours: as search runs it, and with a 4x wider search. */
  vectorRecallAt10: number;
  vectorRecallAt10WideEf: number;
  /** Share of queries for which the vector branch returned a full top 10. */
  vectorFullTop10: number;
  hnswInPlan: boolean;
}

/** `pnpm bench search`: latency and HNSW recall at scale on a real PostgreSQL. Figures are printed, never asserted. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      queries: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const queryCount = Number(values.queries);
  if (sizes.some((s) => !Number.isInteger(s) || s < 100) || !Number.isInteger(queryCount) || queryCount < 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const env = parseEnv(DatabaseEnv.extend(EmbedderEnv.shape), process.env);
  if (env.DATABASE_URL === undefined) {
    process.stderr.write(`pnpm bench search measures a real PostgreSQL with pgvector: set DATABASE_URL.\n${USAGE}\n`);
    return 2;
  }
  // Word-based vectors: cheap at 100k chunks, and queries embed consistently with the chunks.
  const embedder = createHashingEmbedder({ dimensions: 256 });
  const results: SizeFigures[] = [];
  for (const size of sizes) {
    const db = await openScratchDatabase({ serverUrl: env.DATABASE_URL });
    try {
      const filled = await fillSynthetic(db.pool, embedder, size, SNIPPET);
      const retrieval = createRetrieval({ pool: db.pool, embedder });
      const queries = syntheticQueries(queryCount, size, SNIPPET);
      log(`${size}: warming up, then ${queries.length} queries per mode and filter...`);
      await measureModes(retrieval, queries.slice(0, 20), { visibility: ['public'] }, MODES);
      const byFilter: FilterFigures[] = [];
      const bench = { pool: db.pool, retrieval, embedder, model: filled.model, queries };
      for (const f of FILTERS) byFilter.push(await measureFilter(bench, f));
      const { model: _, ...fillFigures } = filled;
      results.push({ ...fillFigures, filters: byFilter });
    } finally {
      await db.close();
    }
  }
  const result = { database: 'postgres', embedder: embedder.model, queries: queryCount, k: K, sizes: results };
  if (values.json) process.stdout.write(`${JSON.stringify({ ...result, loadavg: loadavg().map(round) })}\n`);
  else printTable(result);
  return 0;
}

interface Bench {
  pool: Pool;
  retrieval: Retrieval;
  embedder: Embedder;
  model: EmbeddingModel;
  queries: SyntheticQuery[];
}

async function measureFilter(
  { pool, retrieval, embedder, model, queries }: Bench,
  { name, filters, modes }: (typeof FILTERS)[number],
): Promise<FilterFigures> {
  const figures = await measureModes(retrieval, queries, filters, modes);
  let recall = 0;
  let wideRecall = 0;
  let full = 0;
  for (const q of queries) {
    const { hits } = await retrieval.search({ query: q.text, k: K, mode: 'vector', perArticle: false, filters });
    const [vector = []] = await embedQueries(embedder, [q.text]);
    const wide = await withTransaction(pool, async (tx) => {
      await tx.query(`SET LOCAL hnsw.ef_search = ${WIDE_EF_SEARCH}`);
      return searchVector(tx, { vector, model, filters, limit: DEPTH * 4 });
    });
    const exact = new Set(await exactNearest(pool, model, vector, filters));
    const share = (ids: number[]) => (exact.size === 0 ? 1 : ids.filter((id) => exact.has(id)).length / exact.size);
    recall += share(hits.map((h) => h.chunkId));
    wideRecall += share(wide.slice(0, K).map((r) => r.chunkId));
    if (hits.length === K) full++;
  }
  const [probe = []] = await embedQueries(embedder, [queries[0]?.text ?? 'refund']);
  const plan = await vectorPlan(pool, model, probe, filters);
  return {
    filter: name,
    modes: figures,
    vectorRecallAt10: round(recall / queries.length),
    vectorRecallAt10WideEf: round(wideRecall / queries.length),
    vectorFullTop10: round(full / queries.length),
    hnswInPlan: plan.includes(`embeddings_hnsw_${model.id}`),
  };
}

async function measureModes(
  retrieval: Retrieval,
  queries: SyntheticQuery[],
  filters: SearchFilters,
  modes: readonly Mode[],
): Promise<FilterFigures['modes']> {
  const out: FilterFigures['modes'] = {};
  for (const mode of modes) {
    const latencies: number[] = [];
    let found = 0;
    for (const q of queries) {
      const started = performance.now();
      const { hits } = await retrieval.search({ query: q.text, k: K, mode, filters });
      latencies.push(performance.now() - started);
      if (hits.some((h) => h.articleId === q.targetId)) found++;
    }
    // Under a tag filter most targets are filtered out, so the target figure would say nothing.
    const target = filters.tags === undefined ? { targetAt10: round(found / queries.length) } : {};
    out[mode] = { p50Ms: round(percentile(latencies, 0.5)), p95Ms: round(percentile(latencies, 0.95)), ...target };
  }
  return out;
}

// Exact neighbours with the vector branch's filter: the product's own exact statement (the one it
// falls back to when an HNSW scan comes back short), so the reference cannot drift from it.
async function exactNearest(pool: Pool, model: EmbeddingModel, vector: number[], filters: SearchFilters) {
  const { text, values } = vectorSearchSql({ vector, model, filters, limit: K, exact: true });
  const { rows } = await pool.query<{ chunk_id: string }>(text, values);
  return rows.map((r) => Number(r.chunk_id));
}

// The plan of the product's own vector query: searchVector runs on a client that EXPLAINs its SELECT.
async function vectorPlan(pool: Pool, model: EmbeddingModel, vector: number[], filters: SearchFilters) {
  const lines: string[] = [];
  await withTransaction(pool, (tx) => {
    const explaining: typeof tx = {
      async query(text: string, values?: unknown[]) {
        if (!text.trimStart().startsWith('WITH')) return tx.query(text, values);
        const result = await tx.query(`EXPLAIN ${text}`, values);
        lines.push(...result.rows.map((r) => String(r['QUERY PLAN'])));
        return { ...result, rows: [] };
      },
    } as typeof tx;
    return searchVector(explaining, { vector, model, filters, limit: DEPTH });
  });
  return lines.join('\n');
}

type SizeFigures = Omit<Awaited<ReturnType<typeof fillSynthetic>>, 'model'> & { filters: FilterFigures[] };

function printTable(result: { embedder: string; queries: number; sizes: SizeFigures[] }): void {
  const out = [
    `search on postgres, ${result.embedder} vectors, ${result.queries} queries, k=${K}, load ${loadavg()[0]?.toFixed(1)}`,
  ];
  out.push('chunks   filter       mode     p50 ms  p95 ms  target@10  recall@10  (ef 800)  full top-10  HNSW in plan');
  for (const s of result.sizes) {
    for (const f of s.filters) {
      for (const mode of MODES) {
        const m = f.modes[mode];
        if (m === undefined) continue;
        const vector = mode === 'vector';
        const cells = vector
          ? `${num(f.vectorRecallAt10, 10)} ${num(f.vectorRecallAt10WideEf, 8)} ${num(f.vectorFullTop10, 12)}  ${f.hnswInPlan ? 'yes' : 'no'}`
          : '';
        out.push(
          `${String(s.chunks).padEnd(8)} ${f.filter.padEnd(12)} ${mode.padEnd(8)} ${num(m.p50Ms, 6)} ${num(m.p95Ms, 7)} ${num(m.targetAt10, 10)} ${cells}`,
        );
      }
    }
    out.push(
      `${s.chunks} chunks: filled in ${s.fillSeconds} s (HNSW build ${s.hnswBuildSeconds} s); ${s.rarePublicArticles} public articles carry the 1% tag`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const num = (v: number | undefined, width: number) =>
  (v === undefined ? '-' : v.toFixed(v >= 10 ? 1 : 3)).padStart(width);
const round = (v: number) => Number(v.toFixed(3));
function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
