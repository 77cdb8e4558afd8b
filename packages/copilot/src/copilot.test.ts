import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, type Retrieval, toSourceItem } from '@support/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerStore } from './answer-store.js';
import { ABSTAIN_TEXT, type Copilot, createCopilot } from './index.js';

const articles = [
  {
    externalId: 'refunds',
    title: 'Refund policy',
    url: 'https://help.example.com/refunds',
    body: '## Timing\n\nRefunds reach your card within 5 to 10 business days after we receive the item. PayPal refunds arrive within 2 business days.\n\n## Window\n\nYou can return an item within 30 days of delivery.',
  },
  {
    externalId: 'password',
    title: 'Reset your password',
    body: 'Click "Forgot password" on the sign-in page. The reset link in the email works for 60 minutes.',
  },
  {
    externalId: 'escalation',
    title: 'Refund escalation playbook',
    body: 'Refunds over 500 dollars need approval from a team lead. Agents may offer a goodwill credit of 50 dollars.',
    visibility: 'internal',
  },
];

describe('createCopilot without a model (extractive answers)', () => {
  let db: Database;
  let retrieval: Retrieval;
  let copilot: Copilot;

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await retrieval.index(
      articles.map((a) => toSourceItem(a.externalId, a)),
      { source: 'help' },
    );
    // The hashing embedder's similarities run lower than USE-lite's, so its threshold is lower too.
    copilot = createCopilot({
      retrieval,
      answers: createAnswerStore(db.pool),
      chatModel: null,
      options: { minRelevance: 0.15 },
    });
  });
  afterAll(() => db.close());

  it('answers from the right article with a citation that points at it', async () => {
    const answer = await copilot.answer({ question: 'How many business days until a refund reaches my card?' });
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('5 to 10 business days');
    expect(answer.text).toMatch(/\[1\]/);
    expect(answer.citations[0]).toMatchObject({ n: 1, articleId: 'refunds', title: 'Refund policy' });
    expect(answer.grounding.verdict).toBe('supported');
    expect(answer.model).toBeNull();
    expect(answer.usage).toEqual({ promptTokens: 0, completionTokens: 0, costUsd: 0 });
  });

  it('keeps personal data out of the log and gives it back to the caller', async () => {
    const question =
      'Customer jane.doe@example.com (phone +1 415 555 0100) asks how long a refund takes to reach her card';
    const answer = await copilot.answer({ question, audience: 'agent' });
    expect(answer.redactions).toMatchObject({ EMAIL: 1, PHONE: 1 });
    const { rows } = await db.pool.query<{ question: string; row: string }>(
      'SELECT question, row_to_json(answers)::text AS row FROM answers WHERE id = $1::uuid',
      [answer.id],
    );
    expect(rows[0]?.question).toContain('<EMAIL_1>');
    expect(rows[0]?.row).not.toContain('jane.doe@example.com');
    expect(rows[0]?.row).not.toContain('555 0100');
  });

  it('abstains, naming the closest articles, when nothing relevant is found', async () => {
    const answer = await copilot.answer({ question: 'zebra xylophone quantum' });
    expect(answer.abstained).toBe(true);
    expect(answer.text.startsWith(ABSTAIN_TEXT)).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it('never shows a customer an internal article, but shows it to an agent', async () => {
    const question = 'Do refunds over 500 dollars need approval from a team lead?';
    const customer = await copilot.answer({ question, audience: 'customer' });
    expect(customer.citations.map((c) => c.articleId)).not.toContain('escalation');
    expect(customer.text).not.toContain('team lead');
    const agent = await copilot.answer({ question, audience: 'agent' });
    expect(agent.citations[0]?.articleId).toBe('escalation');
  });

  it('serves a repeated question from the cache until a cited article changes', async () => {
    const question = 'How long does the password reset link work?';
    const first = await copilot.answer({ question }, { door: 'api' });
    const second = await copilot.answer(
      { question: '  how long does the password reset link work ' },
      { door: 'slack' },
    );
    expect(second).toMatchObject({ cached: true, text: first.text });
    // The hit is logged as an answer of its own, through its own door, pointing at the one it copied.
    expect(await createAnswerStore(db.pool).find(second.id)).toMatchObject({
      door: 'slack',
      cachedFrom: first.id,
      question: 'how long does the password reset link work',
    });
    expect(await createAnswerStore(db.pool).find(first.id)).toMatchObject({ door: 'api', cachedFrom: null });
    await retrieval.index(
      [toSourceItem('password', { ...articles[1], body: 'The reset link in the email works for 30 minutes.' })],
      { source: 'help' },
    );
    const third = await copilot.answer({ question });
    expect(third.cached).toBe(false);
    expect(third.text).toContain('30 minutes');
  });

  it('streams sources, text, grounding and a final answer, in that order', async () => {
    const events = [];
    for await (const event of copilot.stream({ question: 'How many days do I have to return an item?' }))
      events.push(event.type);
    expect(events[0]).toBe('sources');
    expect(events.slice(-2)).toEqual(['grounding', 'done']);
    expect(events).toContain('delta');
  });

  it('rejects an empty question naming the field', async () => {
    await expect(copilot.answer({ question: ' ' })).rejects.toThrow('question: must not be empty');
  });
});
