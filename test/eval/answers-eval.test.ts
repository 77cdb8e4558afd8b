import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenF1 } from '../../packages/copilot/eval/answer-metrics.js';
import { readQuestionSet } from '../../packages/copilot/eval/question-set.js';
import { runEval } from '../e2e/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SET = join(ROOT, 'kb/sample-questions');
const KB = join(ROOT, 'kb/sample');

// Words only: a table row "| Canada | Canada Post Expedited |" and the span "Canada | Canada Post
// Expedited" meet, and so do "<strong>24 hours</strong>" and "24 hours".
const normalise = (text: string) =>
  text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('the sample question set', () => {
  it('has at least 40 distinct questions, each judged against a sample article and quoting it', async () => {
    const { questions, hasReferences } = await readQuestionSet(SET);
    const articles = new Set(await readdir(KB));
    expect(hasReferences).toBe(true);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((q) => q.text.toLowerCase())).size).toBe(questions.length);
    for (const q of questions) {
      expect(
        [...q.judged].every((id) => articles.has(id)),
        `${q.id} judges an unknown article`,
      ).toBe(true);
      const first = [...q.judged][0] ?? '';
      const body = normalise(await readFile(join(KB, first), 'utf8'));
      // A multi-part reference joins its spans with " … "; each one is quoted from the article.
      for (const span of q.reference?.split(' … ') ?? ['(no reference)'])
        expect(body.includes(normalise(span)), `${q.id}: "${span}" is not in ${first}`).toBe(true);
    }
  });
});

describe('token F1', () => {
  it('ignores citation markers, case and punctuation, and counts shared tokens', () => {
    expect(tokenF1('The link is valid for 1 hour [2].', 'the link is valid for 1 hour')).toBe(1);
    expect(
      tokenF1('Canada Post Expedited, $12.99 [1].', 'Canada Post Expedited | 5-8 business days | $12.99'),
    ).toBeCloseTo((2 * 1 * (5 / 9)) / (1 + 5 / 9));
    expect(tokenF1('', 'anything')).toBe(0);
  });
});

// The whole command as a user runs it, on the sample set, with the model-free embedder to stay cheap.
describe('pnpm eval answers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-answers-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON object whose rates come from the answers it logged', async () => {
    const compare = join(dir, 'strict.json');
    await writeFile(compare, JSON.stringify({ name: 'strict', GROUNDING_POLICY: 'abstain' }));
    const perQuestion = join(dir, 'questions.jsonl');
    const env: Record<string, string> = { EMBEDDING_PROVIDER: 'hashing' };
    if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    const result = await runEval(
      [
        'answers',
        '--data',
        SET,
        '--kb',
        KB,
        '--limit',
        '20',
        '--json',
        '--compare',
        compare,
        '--questions-out',
        perQuestion,
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    const questions = (await readQuestionSet(SET)).questions.slice(0, 20);
    expect(summary).toMatchObject({
      n: questions.length,
      hitRate: expect.any(Number),
      citation: { precision: expect.any(Number), recall: expect.any(Number) },
      groundedRate: expect.any(Number),
      abstentionRate: expect.any(Number),
      answerF1: expect.any(Number),
      costUsd: 0,
      compare: { name: 'strict', n: questions.length },
    });
    for (const stage of ['retrieve', 'generate', 'check', 'total'])
      expect(summary.latencyMs[stage]).toEqual({ p50: expect.any(Number), p95: expect.any(Number) });

    // Recompute the hit rate from the logged answers and the judgments read here.
    const rows = (await readFile(perQuestion, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { config: string; id: string; cited: string[]; abstained: boolean });
    const current = rows.filter((r) => r.config === 'current');
    expect(current).toHaveLength(questions.length);
    const judged = new Map(questions.map((q) => [q.id, q.judged]));
    const hits = current.filter((r) => r.cited.some((id) => judged.get(r.id)?.has(id)));
    expect(summary.hitRate).toBeCloseTo(hits.length / questions.length, 4);
    expect(summary.hitRate).toBeGreaterThan(0.5);
    // Abstaining on any unsupported sentence can only add abstentions.
    expect(summary.compare.abstentionRate).toBeGreaterThanOrEqual(summary.abstentionRate);
    expect(Array.isArray(summary.changed)).toBe(true);
  }, 300_000);

  it('names the missing corpus when the folder has none and no --kb is given', async () => {
    const result = await runEval(['answers', '--data', SET], { EMBEDDING_PROVIDER: 'hashing' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no corpus.jsonl: pass --kb');
  }, 120_000);
});
