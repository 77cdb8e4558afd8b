import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseEnv, parseEnv } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { EmbedderEnv } from '../src/embed/embedder-env.js';
import {
  createEmbedderFromEnv,
  createRetrieval,
  type Embedder,
  embedQueries,
  type FusionCalibration,
  type Retrieval,
  readBeirCorpus,
  readSource,
  type SourceItem,
} from '../src/index.js';
import { DEFAULT_FUSION } from '../src/retrieval.js';
import type { FusionOptions } from '../src/search/fuse.js';
import { readBeirJudgments } from './beir.js';
import { compareModel, describeDifference, ndcgDifference } from './compare-model.js';
import { mrrAt, ndcgAt, percentile, type Qrels, recallAt } from './metrics.js';
import { buildTextbookBm25, TEXTBOOK_BM25 } from './textbook-bm25.js';

const MODES = ['hybrid', 'vector', 'keyword'] as const;
type Mode = (typeof MODES)[number];

const USAGE = `usage: pnpm eval retrieval --data <BEIR folder> [--kb <folder>] [--mode hybrid|vector|keyword|all] [--k 10]
       [--run-out FILE] [--json] [--template DATABASE] [--compare-model local|static|hashing|openai]
       [--fusion score|rrf] [--keyword-weight W] [--vector-weight W]   (fixed weights instead of calibrated ones)`;

/** `pnpm eval retrieval`: indexes a BEIR corpus into a scratch database and scores each search mode. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      // the articles as a knowledge-base folder (e.g. kb/sample) when the BEIR folder has no corpus.jsonl
      kb: { type: 'string' },
      // a second embedding model filled beside the configured one (as `pnpm kb reembed --model`
      // does), each model searched through its own stored vectors and fusion weights
      'compare-model': { type: 'string' },
      mode: { type: 'string', default: 'all' },
      k: { type: 'string', default: '10' },
      'run-out': { type: 'string' },
      json: { type: 'boolean', default: false },
      fusion: { type: 'string' },
      'keyword-weight': { type: 'string' },
      'vector-weight': { type: 'string' },
      // a server database already holding this corpus as source 'eval' with this embedder's
      // vectors (indexed once by hand): cloned, so a run re-embeds nothing
      template: { type: 'string' },
    },
  });
  const k = Number(values.k);
  const modes: readonly Mode[] = values.mode === 'all' ? MODES : MODES.filter((m) => m === values.mode);
  if (!values.data || modes.length === 0 || !Number.isInteger(k) || k < 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Any fusion flag fixes the weights; without one, indexing calibrates them as in the product.
  const fixed =
    values.fusion !== undefined || values['keyword-weight'] !== undefined || values['vector-weight'] !== undefined;
  const fusion: FusionOptions | undefined = fixed
    ? {
        method: values.fusion === 'rrf' ? 'rrf' : values.fusion === 'score' ? 'score' : DEFAULT_FUSION.method,
        keywordWeight: Number(values['keyword-weight'] ?? DEFAULT_FUSION.keywordWeight),
        vectorWeight: Number(values['vector-weight'] ?? DEFAULT_FUSION.vectorWeight),
      }
    : undefined;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const env = parseEnv(DatabaseEnv.extend(EmbedderEnv.shape), process.env);
  const embedder = memoise(createEmbedderFromEnv(env));
  const otherProvider = values['compare-model'];
  const other = otherProvider === undefined ? undefined : EmbedderEnv.shape.EMBEDDING_PROVIDER.safeParse(otherProvider);
  if (other !== undefined && !other.success) {
    process.stderr.write(`--compare-model: expected local, static, hashing or openai, got "${otherProvider}"\n`);
    return 2;
  }
  if (values.template !== undefined && env.DATABASE_URL === undefined) {
    process.stderr.write('--template needs DATABASE_URL (a server to clone the database on)\n');
    return 2;
  }
  const db = await openScratchDatabase({
    serverUrl: env.DATABASE_URL,
    ...(values.template === undefined ? {} : { template: values.template }),
  });
  try {
    const retrieval = createRetrieval({ pool: db.pool, embedder, ...(fusion === undefined ? {} : { fusion }) });
    const { queries, qrels } = await readBeirJudgments(values.data);
    log(`indexing ${values.data} into a scratch ${db.kind} database with ${embedder.model}...`);
    // Read once: the same articles go to the index and to the textbook BM25 reference.
    const items: SourceItem[] = [];
    for await (const item of values.kb === undefined
      ? readBeirCorpus(`${values.data}/corpus.jsonl`)
      : readSource(values.kb))
      items.push(item);
    const summary = await retrieval.index(fromArray(items), {
      source: 'eval',
      onProgress: (p) => log(`  ${p.articles} articles, ${p.chunks} chunks, ${p.seconds.toFixed(1)} s`),
    });
    if (summary.failed.length > 0)
      log(`  ${summary.failed.length} corpus records failed, first: ${summary.failed[0]?.reason}`);
    // A cloned database was calibrated before this code may have changed: calibrate again.
    if (fusion === undefined && values.template !== undefined) await retrieval.calibrateFusion();
    const weights = fusion ?? (await retrieval.stats()).fusion ?? DEFAULT_FUSION;
    log(`fusion weights: ${describeWeights(weights, fusion !== undefined)}`);
    const writeRun = async (name: string, runLines: string[]) => {
      if (!values['run-out']) return;
      const file = modes.length > 1 ? values['run-out'].replace(/(\.[^./]+)?$/, `.${name}$1`) : values['run-out'];
      await writeFile(file, `${runLines.join('\n')}\n`);
      log(`wrote ${file}`);
    };
    // Each mode of one model's retrieval service over every query (queries embedded up front).
    const searchModes = async (r: Retrieval, e: Embedder, runSuffix = '') => {
      if (modes.some((m) => m !== 'keyword')) {
        log(`embedding ${queries.size} queries with ${e.model}...`);
        await embedQueries(e, [...queries.values()]);
      }
      const report: Record<string, Record<string, unknown>> = {};
      for (const mode of modes) {
        const rankings = new Map<string, string[]>();
        const latencies: number[] = [];
        for (const [queryId, text] of queries) {
          const started = performance.now();
          const { hits } = await r.search({
            query: text,
            k: 100,
            mode,
            filters: { visibility: ['public', 'internal'] },
          });
          latencies.push(performance.now() - started);
          rankings.set(
            queryId,
            hits.map((h) => h.articleId),
          );
        }
        report[mode] = {
          ...scoreRankings(rankings, qrels, k),
          latencyMs: { p50: round(percentile(latencies, 0.5), 2), p95: round(percentile(latencies, 0.95), 2) },
        };
        await writeRun(`${mode}${runSuffix}`, runLines(rankings));
      }
      return report;
    };
    const report = await searchModes(retrieval, embedder);
    // The reference the product's keyword side and fusion are held to (issue 15): textbook BM25
    // over whole articles, in memory.
    if (values.mode === 'all') {
      const documents = items.flatMap((item) =>
        item.kind === 'article'
          ? [{ id: item.article.externalId, text: `${item.article.title}\n${item.article.body}` }]
          : [],
      );
      const bm25 = await buildTextbookBm25(db.pool, documents, [...queries.values()]);
      for (const [name, params] of Object.entries(TEXTBOOK_BM25)) {
        const rankings = new Map([...queries].map(([id, text]) => [id, bm25.rank(text, params, 100)]));
        report[name] = scoreRankings(rankings, qrels, k);
        await writeRun(name.replace(/[ /]/g, '-'), runLines(rankings));
      }
    }
    const result = {
      dataset: basename(values.data),
      indexSeconds: round(summary.seconds, 2),
      fusion: { fixed: fusion !== undefined, ...weights },
      modes: report,
    };
    if (other?.success !== true) {
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else printTable(result, k, embedder.model, queries.size, db.kind);
      return 0;
    }
    const otherEmbedder = memoise(createEmbedderFromEnv({ ...env, EMBEDDING_PROVIDER: other.data }));
    const compared = await compareModel({ pool: db.pool, embedder: otherEmbedder, fusion, log, k }, (r) =>
      searchModes(r, otherEmbedder, '.compare'),
    );
    const difference = ndcgDifference(report, compared.modes, k);
    if (values.json) process.stdout.write(`${JSON.stringify({ ...result, compare: compared, difference })}\n`);
    else {
      printTable(result, k, embedder.model, queries.size, db.kind);
      printTable({ ...compared, dataset: result.dataset }, k, otherEmbedder.model, queries.size, db.kind);
      process.stdout.write(`${describeDifference(difference, k, otherEmbedder.model, embedder.model)}\n`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function scoreRankings(rankings: Map<string, string[]>, qrels: Qrels, k: number): Record<string, number> {
  const scores = { ndcg: 0, r5: 0, r10: 0, mrr: 0 };
  for (const [queryId, ranked] of rankings) {
    const judged = qrels.get(queryId) ?? new Map();
    scores.ndcg += ndcgAt(ranked, judged, k);
    scores.r5 += recallAt(ranked, judged, 5);
    scores.r10 += recallAt(ranked, judged, k);
    scores.mrr += mrrAt(ranked, judged, k);
  }
  const n = rankings.size || 1;
  return {
    [`ndcg@${k}`]: round(scores.ndcg / n),
    'recall@5': round(scores.r5 / n),
    [`recall@${k}`]: round(scores.r10 / n),
    [`mrr@${k}`]: round(scores.mrr / n),
  };
}

const runLines = (rankings: Map<string, string[]>) =>
  [...rankings].flatMap(([queryId, ranked]) => ranked.map((docId, i) => `${queryId}\t${docId}\t${i + 1}`));

// The weights a run used: fixed by flags, calibrated (with the pseudo-query figures behind them), or
// the default of an uncalibrated knowledge base.
function describeWeights(weights: FusionOptions | FusionCalibration, fixed: boolean): string {
  const base = `keyword ${weights.keywordWeight}, vector ${weights.vectorWeight}`;
  if (fixed) return `${base} (${(weights as FusionOptions).method}, fixed by flags)`;
  if (!('pseudoQueries' in weights)) return `${base} (default: nothing to calibrate on)`;
  const f = (v: number) => v.toFixed(3);
  return (
    `${base}, cosine spread ${f(weights.vectorSpread)} (calibrated in ${weights.seconds.toFixed(1)} s on ${weights.pseudoQueries} ` +
    `pseudo-queries: nDCG@10 keyword ${f(weights.keywordNdcg)}, vector ${f(weights.vectorNdcg)}, hybrid ${f(weights.hybridNdcg)})`
  );
}

function printTable(
  result: {
    dataset: string;
    indexSeconds: number;
    fusion: Record<string, unknown>;
    modes: Record<string, Record<string, unknown>>;
  },
  k: number,
  model: string,
  queries: number,
  kind: string,
): void {
  const out = [`${result.dataset}: ${queries} queries, indexed in ${result.indexSeconds} s (${kind}, ${model})`];
  out.push(`fusion: ${describeWeights(result.fusion as unknown as FusionOptions, result.fusion.fixed === true)}`);
  out.push(`mode           nDCG@${k}  R@5    R@${k}   MRR@${k}  p50 ms  p95 ms`);
  for (const [mode, m] of Object.entries(result.modes)) {
    const lat = m.latencyMs as { p50: number; p95: number } | undefined;
    const ms = lat === undefined ? '' : `   ${String(lat.p50).padStart(6)}  ${String(lat.p95).padStart(6)}`;
    out.push(
      `${mode.padEnd(14)} ${fmt(m[`ndcg@${k}`])}   ${fmt(m['recall@5'])}  ${fmt(m[`recall@${k}`])}  ${fmt(m[`mrr@${k}`])}${ms}`,
    );
  }
  // Issue 15's bars, so a regression shows at once.
  const ndcg = (mode: string) => result.modes[mode]?.[`ndcg@${k}`] as number | undefined;
  const hybrid = ndcg('hybrid');
  const sides = Math.max(ndcg('keyword') ?? 0, ndcg('vector') ?? 0);
  const textbook = Math.max(...Object.keys(TEXTBOOK_BM25).map((name) => ndcg(name) ?? 0));
  if (hybrid !== undefined && ndcg('keyword') !== undefined && ndcg('vector') !== undefined && textbook > 0)
    out.push(
      `hybrid - best side ${signed(hybrid - sides)}; hybrid - best textbook BM25 ${signed(hybrid - textbook)} (bar: +0.030); ` +
        `keyword - textbook ${signed((ndcg('keyword') ?? 0) - textbook)}`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

const fmt = (v: unknown) => (v as number).toFixed(3);
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
const round = (v: number, digits = 4) => Number(v.toFixed(digits));

// Queries are embedded once up front, so per-query latencies measure the search itself. A text
// embedded as a question and as a chunk may get two vectors (a fitted static table): one cache each.
function memoise(embedder: Embedder): Embedder {
  const cached = (embed: (texts: string[]) => Promise<number[][]>) => {
    const cache = new Map<string, number[]>();
    return async (texts: string[]) => {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      const vectors = missing.length > 0 ? await embed(missing) : [];
      missing.forEach((t, i) => {
        cache.set(t, vectors[i] ?? []);
      });
      return texts.map((t) => cache.get(t) ?? []);
    };
  };
  return {
    model: embedder.model,
    dimensions: embedder.dimensions,
    embed: cached((texts) => embedder.embed(texts)),
    embedQueries: cached((texts) => embedQueries(embedder, texts)),
  };
}
