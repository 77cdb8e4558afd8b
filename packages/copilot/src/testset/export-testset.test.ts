import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { detect } from '@support/guardrails';
import { createHashingEmbedder, createRetrieval, toSourceItem } from '@support/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerStore } from '../answer-store.js';
import { createCopilot, exportTestset } from '../index.js';

const articles = [
  {
    externalId: 'refunds.md',
    title: 'Refund policy',
    body: 'Refunds reach your card within 5 to 10 business days after we receive the item.',
  },
  {
    externalId: 'password.md',
    title: 'Reset your password',
    body: 'The password reset link in the email works for 60 minutes.',
  },
];

// A seeded answer log: questions agents pasted personal data into, rated helpful or not.
describe('exportTestset', () => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'testset-'));
    const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await retrieval.index(
      articles.map((a) => toSourceItem(a.externalId, a)),
      { source: 'help' },
    );
    const answers = createAnswerStore(db.pool);
    const copilot = createCopilot({
      retrieval,
      answers,
      chatModel: null,
      options: { minRelevance: 0.1, cache: false },
    });
    const ask = async (question: string, helpful: boolean | null) => {
      const answer = await copilot.answer({ question, audience: 'agent' });
      if (helpful !== null)
        await copilot.feedback({ answerId: answer.id, helpful, comment: 'from jane.doe@example.com' });
      return answer;
    };
    await ask('Customer jane.doe@example.com says her refund never reached her card, how many business days?', true);
    await ask('How many business days does a refund take to reach the card?', true);
    await ask('Caller on +1 415 555 0134 asks how long the password reset link works', false);
    await ask('How long does the password reset link work?', null);
    // A row logged before the detector knew a pattern: the export must still not carry it.
    await answers
      .save(
        {
          audience: 'agent',
          question: 'Card 4111 1111 1111 1111 was refunded twice, how many business days for the refund?',
          answer: 'Refunds reach your card within 5 to 10 business days after we receive the item [1].',
          citations: [
            { n: 1, articleId: 'refunds.md', source: 'help', title: 'Refund policy', url: null, snippet: '' },
          ],
          grounding: { verdict: 'supported', score: 1, sentences: [], removed: 0 },
          abstained: false,
          degraded: false,
          model: null,
          promptVersion: 'test',
          usage: {},
          timings: {},
          redactions: {},
        },
        { cacheKey: null, citedArticles: [] },
      )
      .then((saved) => copilot.feedback({ answerId: saved.id, helpful: true }));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes helpful questions with their cited articles as judgments, and not-helpful ones for review', async () => {
    const out = join(dir, 'helpful');
    const summary = await exportTestset(db.pool, out);
    expect(summary).toMatchObject({ questions: 3, review: 1 });
    const queries = (await readFile(join(out, 'queries.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(queries.map((q) => q._id)).toEqual(['log-0001', 'log-0002', 'log-0003']);
    expect(queries[0].text).toContain('<EMAIL_1>');
    const qrels = (await readFile(join(out, 'qrels/test.tsv'), 'utf8')).trim().split('\n');
    expect(qrels[0]).toBe('query-id\tcorpus-id\tscore');
    expect(qrels.slice(1).every((line) => line.split('\t')[1] === 'refunds.md')).toBe(true);
    const review = JSON.parse((await readFile(join(out, 'review.jsonl'), 'utf8')).trim());
    expect(review).toMatchObject({ helpful: false, question: expect.stringContaining('<PHONE_1>') });
    const references = (await readFile(join(out, 'answers.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(references[0].answer).not.toMatch(/\[\d+\]/);
  });

  it('leaves no personal data in any exported file, whatever the log held', async () => {
    const out = join(dir, 'scan');
    await exportTestset(db.pool, out, { minFeedback: 'any' });
    const files = ['queries.jsonl', 'answers.jsonl', 'qrels/test.tsv', 'review.jsonl'];
    expect((await readdir(out)).sort()).toEqual(['answers.jsonl', 'qrels', 'queries.jsonl', 'review.jsonl']);
    for (const file of files) {
      const text = await readFile(join(out, file), 'utf8');
      expect(detect(text), file).toEqual([]);
    }
    expect(await readFile(join(out, 'queries.jsonl'), 'utf8')).toContain('<CREDIT_CARD_1>');
  });

  it('counts unrated answers only with minFeedback any, and nothing before since', async () => {
    expect((await exportTestset(db.pool, join(dir, 'any'), { minFeedback: 'any' })).questions).toBe(4);
    const future = new Date(Date.now() + 60_000);
    expect(await exportTestset(db.pool, join(dir, 'none'), { since: future })).toMatchObject({
      questions: 0,
      review: 0,
    });
  });
});
