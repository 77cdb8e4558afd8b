import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import {
  createEmbedderFromEnv,
  createRetrieval,
  type Embedder,
  type Retrieval,
  readBeirCorpus,
  readSource,
  type SourceItem,
} from '@support/retrieval';
import { createCopilotFromEnv } from '../src/index.js';
import { type AnswerEvalSummary, outcomeOf, type QuestionOutcome, summarise } from './answer-metrics.js';
import { printComparison, printSummary } from './answers-report.js';
import { baseConfig, type EvalConfig, readCompareConfig, sameIndex } from './eval-config.js';
import { createQuestionProgress } from './question-progress.js';
import { readQuestionSet } from './question-set.js';
import { runAnswerSet } from './run-answer-set.js';

const USAGE = `usage: pnpm eval answers --data <BEIR folder> [--kb <articles>] [--json] [--compare <config.json>]
       [--questions-out FILE] [--limit N]
  --data           queries.jsonl, qrels/test.tsv, optional answers.jsonl ({"query_id","answer"}) and corpus.jsonl
  --kb             the articles to index when the folder has no corpus.jsonl (a folder such as kb/sample, or an export)
  --compare        JSON object of environment overrides (GROUNDING_POLICY, LLM_MODEL, EMBEDDING_MODEL, ...)
                   run as a second configuration on the same questions
  --questions-out  writes one JSON line per question and configuration (answer, citations, outcome)
  --limit          only the first N questions (a quick check)`;

/**
 * `pnpm eval answers`: runs a question set through the whole answer pipeline (retrieval, model or
 * extractive composer, grounding, policy) on a scratch database indexed from the set's corpus, and
 * scores the answers against the judged articles and reference answers.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      kb: { type: 'string' },
      json: { type: 'boolean', default: false },
      compare: { type: 'string' },
      'questions-out': { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (!values.data || (limit !== undefined && !(Number.isInteger(limit) && limit > 0))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const articles = await articlesOf(values.data, values.kb);
  if (typeof articles === 'string') {
    log(articles);
    return 2;
  }
  const set = await readQuestionSet(values.data);
  const { hasReferences } = set;
  const questions = set.questions.slice(0, limit);
  if (questions.length === 0) {
    log(`${values.data}: no judged questions (queries.jsonl with matching qrels/test.tsv lines)`);
    return 2;
  }
  const configs = [baseConfig(process.env)];
  if (values.compare) configs.push(await readCompareConfig(values.compare, process.env));

  const indexes: { config: EvalConfig; kb: ScratchIndex }[] = [];
  const results: { config: EvalConfig; outcomes: QuestionOutcome[]; summary: AnswerEvalSummary }[] = [];
  try {
    for (const config of configs) {
      let index = indexes.find((i) => sameIndex(i.config, config));
      if (index === undefined) {
        index = { config, kb: await openIndex(config, articles, log) };
        indexes.push(index);
      }
      log(`answering ${questions.length} questions with ${describe(config)}...`);
      const progress = createQuestionProgress(process.stderr, questions.length);
      const outcomes = await runAnswerSet(createCopilotFromEnv(config.env, index.kb), questions, progress.update);
      progress.done();
      results.push({ config, outcomes, summary: summarise(outcomes) });
    }
  } finally {
    for (const index of indexes) await index.kb.database.close();
  }

  if (values['questions-out']) await writeOutcomes(values['questions-out'], results);
  const [base, other] = results as [(typeof results)[0], ...(typeof results)[0][]];
  if (values.json) {
    const out =
      other === undefined
        ? base.summary
        : { ...base.summary, compare: { name: other.config.name, ...other.summary }, changed: changed(base, other) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else if (other === undefined) {
    printSummary(base.config.name, base.summary, hasReferences);
  } else {
    printComparison([base, other], changed(base, other), hasReferences);
  }
  return 0;
}

/** Where the articles come from: the set's corpus.jsonl, else --kb; a message when neither exists. */
async function articlesOf(folder: string, kb: string | undefined): Promise<(() => AsyncIterable<SourceItem>) | string> {
  if (kb !== undefined) return () => readSource(kb);
  const corpus = join(folder, 'corpus.jsonl');
  const found = await access(corpus).then(
    () => true,
    () => false,
  );
  return found
    ? () => readBeirCorpus(corpus)
    : `${folder} has no corpus.jsonl: pass --kb <folder of articles> (e.g. --kb kb/sample)`;
}

interface ScratchIndex {
  database: Database;
  retrieval: Retrieval;
  embedder: Embedder;
}

/**
 * A scratch knowledge base (migrated by openScratchDatabase) holding the articles, so the copilot
 * is built exactly as the apps build it (createCopilotFromEnv).
 */
async function openIndex(
  config: EvalConfig,
  articles: () => AsyncIterable<SourceItem>,
  log: (line: string) => void,
): Promise<ScratchIndex> {
  const embedder = createEmbedderFromEnv(config.env);
  const db = await openScratchDatabase({ serverUrl: config.env.DATABASE_URL });
  try {
    const retrieval = createRetrieval({ pool: db.pool, embedder });
    log(`indexing into a scratch ${db.kind} database with ${embedder.model}...`);
    const summary = await retrieval.index(articles(), { source: 'eval' });
    if (summary.failed.length > 0)
      log(
        `  ${summary.failed.length} articles failed, first: ${summary.failed[0]?.path}: ${summary.failed[0]?.reason}`,
      );
    return { database: db, retrieval, embedder };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function describe(config: EvalConfig): string {
  const { env } = config;
  const model = env.LLM_MODEL && env.OPENAI_API_KEY ? `model ${env.LLM_MODEL}` : 'the extractive composer';
  return `${model}, ${env.GROUNDING_POLICY} policy, ${env.EMBEDDING_PROVIDER} embeddings (${config.name})`;
}

type Result = { config: EvalConfig; outcomes: QuestionOutcome[] };

/** Questions whose outcome (hit, miss, abstained) differs between two runs, with both answers' F1. */
function changed(a: Result, b: Result) {
  return a.outcomes.flatMap((before, i) => {
    const after = b.outcomes[i];
    if (after === undefined) return [];
    const from = outcomeOf(before);
    const to = outcomeOf(after);
    return from === to ? [] : [{ id: before.id, question: before.question, from, to, f1: [before.f1, after.f1] }];
  });
}

async function writeOutcomes(path: string, results: Result[]): Promise<void> {
  const lines = results.flatMap(({ config, outcomes }) =>
    outcomes.map((o) => JSON.stringify({ config: config.name, outcome: outcomeOf(o), ...o })),
  );
  await writeFile(path, `${lines.join('\n')}\n`);
}
