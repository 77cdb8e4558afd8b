import { ChatOpenAI } from '@langchain/openai';
import { createAnswerStore, createCopilot } from '@support/copilot';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, type Retrieval, toSourceItem } from '@support/retrieval';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';

const REFUNDS = {
  externalId: 'refunds',
  title: 'Refund policy',
  body: 'Refunds reach your card within 5 to 10 business days after we receive the item. PayPal refunds arrive within 2 business days.',
};
// The first sentence is plainly supported; the second is vague enough to land in the uncertain band.
const ANSWER = 'Refunds reach your card within 5 to 10 business days [1]. Most refunds arrive quickly [1].';

describe('createCopilot with GROUNDING_JUDGE=llm', () => {
  let db: Database;
  let retrieval: Retrieval;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await retrieval.index([toSourceItem('refunds', REFUNDS)], { source: 'help' });
    fake = await startFakeOpenAI();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake.close();
    await db.close();
  });

  const copilotWith = (groundingJudge: 'off' | 'llm') =>
    createCopilot({
      retrieval,
      answers: createAnswerStore(db.pool),
      chatModel: new ChatOpenAI({
        model: 'fake-model',
        apiKey: 'test',
        streaming: true,
        streamUsage: true,
        maxRetries: 0,
        configuration: { baseURL: fake.url },
      }),
      modelName: 'fake-model',
      options: {
        minRelevance: 0,
        cache: false,
        groundingJudge,
        prices: { 'fake-model': { promptPerMillion: 1, completionPerMillion: 2 } },
      },
    });
  const question = { question: 'How many business days until a refund reaches my card?' };

  it('asks the model only about the uncertain sentence and counts the call in usage', async () => {
    fake.script({ kind: 'reply', text: ANSWER }, { kind: 'reply', text: 'yes' });
    const answer = await copilotWith('llm').answer(question);
    expect(fake.calls('/v1/chat/completions')).toBe(2);
    expect(answer.text).toContain('arrive quickly');
    expect(answer.grounding.sentences.map((s) => s.supported)).toEqual([true, true]);
    expect(answer.usage.judge?.calls).toBe(1);
    expect(answer.usage.judge?.promptTokens).toBeGreaterThan(0);
    expect(answer.usage.promptTokens).toBeGreaterThan(answer.usage.judge?.promptTokens ?? 0);
    expect(answer.usage.costUsd).toBeGreaterThan(answer.usage.judge?.costUsd ?? 0);
  });

  it('keeps the sentence flagged, with the judge as the reason, when the judge says no', async () => {
    fake.script({ kind: 'reply', text: ANSWER }, { kind: 'reply', text: 'no' });
    const answer = await copilotWith('llm').answer(question);
    const flagged = answer.grounding.sentences.find((s) => !s.supported);
    expect(flagged?.reasons.join(' ')).toContain('judge');
    expect(answer.text).not.toContain('arrive quickly');
  });

  it('makes no extra call when the judge is off', async () => {
    fake.script({ kind: 'reply', text: ANSWER });
    const answer = await copilotWith('off').answer(question);
    expect(fake.calls('/v1/chat/completions')).toBe(1);
    expect(answer.usage.judge).toBeUndefined();
  });
});
