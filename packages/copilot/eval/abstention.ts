import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseEnv, parseEnv } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import {
  createEmbedderFromEnv,
  createRetrieval,
  EmbedderEnv,
  type Retrieval,
  readBeirCorpus,
} from '@support/retrieval';
import { percentile, readBeirJudgments } from '@support/retrieval/eval';
import { bestSimilarity, CopilotEnv, defaultMinSimilarity, isRelevant } from '../src/index.js';

const USAGE = `usage: pnpm eval abstention --data <BEIR folder> --off-topic <jsonl or txt> [--json]
  --data       questions the knowledge base answers (BEIR: corpus.jsonl, queries.jsonl, qrels/test.tsv)
  --off-topic  questions it does not: JSONL with a "question", "text" or "query" field, or one per line`;

const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2)));

/**
 * `pnpm eval abstention`: how the copilot's relevance rule splits questions the knowledge base
 * answers from ones it does not, at the configured threshold and across a sweep, so the
 * threshold (ABSTAIN_MIN_SIMILARITY) is set from measurements rather than guessed.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      'off-topic': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.data || !values['off-topic']) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const env = parseEnv(DatabaseEnv.extend(EmbedderEnv.shape).extend(CopilotEnv.shape), process.env);
  const embedder = createEmbedderFromEnv(env);
  const threshold = env.ABSTAIN_MIN_SIMILARITY ?? defaultMinSimilarity(embedder.model);
  const offTopic = await readOffTopic(values['off-topic']);
  const { queries } = await readBeirJudgments(values.data);
  const db = await openScratchDatabase({ serverUrl: env.DATABASE_URL });
  try {
    const retrieval = createRetrieval({ pool: db.pool, embedder });
    log(`indexing ${values.data} into a scratch ${db.kind} database with ${embedder.model}...`);
    await retrieval.index(readBeirCorpus(`${values.data}/corpus.jsonl`), { source: 'eval' });
    log(`searching ${queries.size} in-domain and ${offTopic.length} off-topic questions...`);
    const inDomain = await measure(retrieval, [...queries.values()]);
    const outside = await measure(retrieval, offTopic);
    const sweep = [...new Set([...THRESHOLDS, threshold])]
      .sort((a, b) => a - b)
      .map((t) => decide(t, inDomain, outside));
    const current = decide(threshold, inDomain, outside);
    const result = {
      dataset: basename(values.data),
      offTopic: basename(values['off-topic']),
      embedder: embedder.model,
      threshold,
      inDomain: { questions: inDomain.length, similarity: spread(inDomain) },
      outside: { questions: outside.length, similarity: spread(outside) },
      current,
      bestBalanced: sweep.reduce((best, row) => (row.balancedAccuracy > best.balancedAccuracy ? row : best)),
      // Abstaining on a question the KB answers costs an agent more than a cited "closest articles"
      // answer to an off-topic one: the highest threshold that still answers 99% of in-domain ones.
      highestKeeping99: [...sweep].reverse().find((row) => row.answeredInDomain >= 0.99) ?? null,
      sweep,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printReport(result);
    return 0;
  } finally {
    await db.close();
  }
}

interface Measured {
  similarity: number | null;
  relevantAt: (threshold: number) => boolean;
}

// The same search the copilot runs for a question without history, judged by the same rule.
async function measure(retrieval: Retrieval, questions: string[]): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const question of questions) {
    const { hits } = await retrieval.search({
      query: question,
      k: 15,
      perArticle: false,
      filters: { visibility: ['public', 'internal'] },
    });
    out.push({ similarity: bestSimilarity(hits), relevantAt: (t) => isRelevant(hits, t) });
  }
  return out;
}

function decide(threshold: number, inDomain: Measured[], outside: Measured[]) {
  const share = (rows: Measured[], pick: (m: Measured) => boolean) =>
    rows.length === 0 ? 0 : rows.filter(pick).length / rows.length;
  const answeredInDomain = share(inDomain, (m) => m.relevantAt(threshold));
  const abstainedOutside = share(outside, (m) => !m.relevantAt(threshold));
  return {
    threshold,
    answeredInDomain: round(answeredInDomain),
    abstainedOutside: round(abstainedOutside),
    balancedAccuracy: round((answeredInDomain + abstainedOutside) / 2),
  };
}

function spread(rows: Measured[]) {
  const values = rows.flatMap((r) => (r.similarity === null ? [] : [r.similarity]));
  return {
    p5: round(percentile(values, 0.05)),
    p50: round(percentile(values, 0.5)),
    p95: round(percentile(values, 0.95)),
    withoutSimilarity: rows.length - values.length,
  };
}

/** Off-topic questions, de-duplicated: JSONL records (question, text or query field) or plain lines. */
export async function readOffTopic(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  const texts = lines.map((line, i) => {
    if (!line.trimStart().startsWith('{')) return line.trim();
    const record = JSON.parse(line) as Record<string, unknown>;
    const text = record.question ?? record.text ?? record.query;
    if (typeof text !== 'string') throw new Error(`${path}:${i + 1}: no "question", "text" or "query" field`);
    return text.trim();
  });
  return [...new Set(texts.filter((t) => t !== ''))];
}

function printReport(r: {
  dataset: string;
  offTopic: string;
  embedder: string;
  threshold: number;
  inDomain: { questions: number; similarity: ReturnType<typeof spread> };
  outside: { questions: number; similarity: ReturnType<typeof spread> };
  current: ReturnType<typeof decide>;
  bestBalanced: ReturnType<typeof decide>;
  highestKeeping99: ReturnType<typeof decide> | null;
  sweep: ReturnType<typeof decide>[];
}): void {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(8);
  const out = [
    `abstention: ${r.inDomain.questions} questions of ${r.dataset} vs ${r.outside.questions} off-topic from ${r.offTopic} (${r.embedder})`,
    'best-hit similarity    p5      p50     p95',
    `  in-domain        ${r.inDomain.similarity.p5.toFixed(3).padStart(7)} ${r.inDomain.similarity.p50.toFixed(3).padStart(7)} ${r.inDomain.similarity.p95.toFixed(3).padStart(7)}`,
    `  off-topic        ${r.outside.similarity.p5.toFixed(3).padStart(7)} ${r.outside.similarity.p50.toFixed(3).padStart(7)} ${r.outside.similarity.p95.toFixed(3).padStart(7)}`,
    'threshold  answers in-domain  abstains off-topic  balanced',
  ];
  for (const row of r.sweep) {
    const mark = row.threshold === r.threshold ? '  <- configured' : '';
    out.push(
      `  ${row.threshold.toFixed(2)}       ${pct(row.answeredInDomain)}           ${pct(row.abstainedOutside)}    ${row.balancedAccuracy.toFixed(3)}${mark}`,
    );
  }
  out.push(
    `best balanced accuracy at ${r.bestBalanced.threshold.toFixed(2)}; highest threshold answering ≥ 99% in-domain: ${r.highestKeeping99?.threshold.toFixed(2) ?? 'none'}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

const round = (v: number) => Number(v.toFixed(4));
