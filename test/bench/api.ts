import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApiKeyStore } from '@support/api-keys';
import { openScratchDatabase } from '@support/db/testing';
import { createHashingEmbedder, createLocalEmbedder, createRetrieval, readSource } from '@support/retrieval';
import { syntheticArticles, syntheticQueries } from '@support/retrieval/bench';
import { startFakeOpenAI } from '../fakes/fake-openai.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODEL_FIRST_TOKEN_MS = 300;

interface Sample {
  ms: number;
  ok: boolean;
  /** The pipeline's own time before the model's first token (model scenario only). */
  preModelMs?: number;
}

/** `pnpm bench api`: the API under concurrent load on a real PostgreSQL, with and without a model. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      articles: { type: 'string', default: '10000' },
      clients: { type: 'string', default: '8' },
      // Identical closed-loop clients started together stay in step and arrive in bursts of eight
      // for the whole run; independent callers do not. 0 measures that worst case.
      ramp: { type: 'string', default: '1' },
      // hashing: cheap to index 10k articles; local: the default USE-lite, whose query embedding
      // is part of the pipeline's time (index fewer articles: it embeds about 12 chunks/s).
      embedder: { type: 'string', default: 'hashing' },
      duration: { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
    },
  });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write('pnpm bench api needs DATABASE_URL (a PostgreSQL server with pgvector)\n');
    return 2;
  }
  if (values.embedder !== 'hashing' && values.embedder !== 'local') {
    process.stderr.write(`--embedder: expected hashing or local, got ${values.embedder}\n`);
    return 2;
  }
  const articles = Number(values.articles);
  const clients = Number(values.clients);
  const rampMs = Number(values.ramp) * 1000;
  const seconds = Number(values.duration);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const db = await openScratchDatabase({ serverUrl });
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-api-'));
  const fake = await startFakeOpenAI({
    defaultReply: 'Refunds take 5-10 business days [1]. Contact support if it takes longer [1].',
    defaultFirstTokenDelayMs: MODEL_FIRST_TOKEN_MS,
  });
  const servers: ChildProcess[] = [];
  try {
    const embedder = values.embedder === 'local' ? createLocalEmbedder() : createHashingEmbedder({ dimensions: 256 });
    const retrieval = createRetrieval({ pool: db.pool, embedder });
    log(`indexing the sample KB and ${articles} synthetic articles...`);
    await retrieval.index(readSource(join(ROOT, 'kb/sample')), { source: 'sample' });
    await retrieval.index(syntheticArticles(articles), { source: 'synthetic', batchSize: 200 });
    const { key } = await createApiKeyStore(db.pool).create({
      name: 'bench',
      scopes: ['answer', 'search'],
      audience: 'agent',
    });
    const queries = syntheticQueries(500, articles).map((q) => q.text);
    const env = {
      DATABASE_URL: db.url ?? '',
      DATA_DIR: dataDir,
      ...(values.embedder === 'local'
        ? { EMBEDDING_PROVIDER: 'local' }
        : { EMBEDDING_PROVIDER: 'hashing', EMBEDDING_DIMENSIONS: '256' }),
      ANSWER_CACHE: 'off',
      RATE_LIMIT_PER_MINUTE: '100000',
      PORT: '0',
    };
    const extractive = await startServer(env, servers);
    const withModel = await startServer(
      { ...env, LLM_MODEL: 'fake-model', OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: fake.url },
      servers,
    );
    const scenarios = [
      { name: 'POST /v1/search', url: `${extractive}/v1/search`, body: (q: string) => ({ query: q, k: 5 }) },
      { name: 'POST /v1/answer (extractive)', url: `${extractive}/v1/answer`, body: (q: string) => ({ question: q }) },
      {
        name: `POST /v1/answer (model, ${MODEL_FIRST_TOKEN_MS} ms first token)`,
        url: `${withModel}/v1/answer`,
        body: (q: string) => ({ question: q }),
      },
    ];
    const results = [];
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${clients} clients for ${seconds} s...`);
      const samples = await load(scenario.url, key, queries, scenario.body, {
        clients,
        rampMs,
        durationMs: seconds * 1000,
      });
      results.push(summarise(scenario.name, samples, seconds));
    }
    const run = { articles, embedder: embedder.model, clients, seconds, rampSeconds: rampMs / 1000 };
    if (values.json) process.stdout.write(`${JSON.stringify({ ...run, results })}\n`);
    else printTable(results, run);
    return 0;
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await fake.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function startServer(env: Record<string, string>, servers: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output = (output + data.toString()).slice(-4000);
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"server.listening"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (data: Buffer) => {
      output = (output + data.toString()).slice(-4000);
    });
    child.once('exit', (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
  });
}

async function load(
  url: string,
  key: string,
  queries: string[],
  body: (q: string) => object,
  { clients, rampMs, durationMs }: { clients: number; rampMs: number; durationMs: number },
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = performance.now() + durationMs;
  let next = 0;
  const client = async (i: number) => {
    await sleep((rampMs * i) / clients);
    while (performance.now() < end) {
      const query = queries[next++ % queries.length] ?? 'refund';
      const started = performance.now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(query)),
        });
        const json = (await res.json()) as {
          timings?: { firstToken: number | null; redact: number; retrieve: number };
        };
        const firstToken = json.timings?.firstToken;
        samples.push({
          ms: performance.now() - started,
          ok: res.status === 200,
          ...(typeof firstToken === 'number' ? { preModelMs: Math.max(0, firstToken - MODEL_FIRST_TOKEN_MS) } : {}),
        });
      } catch {
        samples.push({ ms: performance.now() - started, ok: false });
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return samples;
}

function summarise(name: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms);
  const pre = samples.flatMap((s) => (s.preModelMs === undefined ? [] : [s.preModelMs]));
  return {
    name,
    requests: samples.length,
    perSecond: Number((samples.length / seconds).toFixed(1)),
    p50: pct(ms, 0.5),
    p95: pct(ms, 0.95),
    p99: pct(ms, 0.99),
    errors: samples.filter((s) => !s.ok).length,
    ...(pre.length > 0 ? { preModelP50: pct(pre, 0.5), preModelP95: pct(pre, 0.95) } : {}),
  };
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0).toFixed(1));
}

function printTable(
  results: ReturnType<typeof summarise>[],
  run: { articles: number; embedder: string; clients: number; seconds: number; rampSeconds: number },
) {
  const lines = [
    `sample KB + ${run.articles} synthetic articles on PostgreSQL (${run.embedder}), ${run.clients} clients (started over ${run.rampSeconds} s), ${run.seconds} s each`,
    'scenario                                        req/s   p50 ms   p95 ms   p99 ms  errors',
  ];
  for (const r of results) {
    lines.push(
      `${r.name.padEnd(46)} ${String(r.perSecond).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)}  ${r.errors}/${r.requests}`,
    );
    if (r.preModelP95 !== undefined)
      lines.push(`  pipeline time before the model's first token: p50 ${r.preModelP50} ms, p95 ${r.preModelP95} ms`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
