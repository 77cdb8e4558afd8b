import { detect } from '@support/guardrails';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { type AnswerHarness, ask, createAnswerHarness, parseSse, sourceNumber } from './answer-harness.js';

interface AnswerBody {
  text: string;
  citations: { n: number; articleId: string }[];
  grounding: { verdict: string; removed: number; sentences: { supported: boolean; reasons: string[] }[] };
  degraded: boolean;
  abstained: boolean;
  model: string | null;
  usage: { promptTokens: number; completionTokens: number; costUsd: number };
}

const REFUND_QUESTION = 'Customer says the refund never arrived, how long do refunds take?';

describe('POST /v1/answer with a model', () => {
  let fake: FakeOpenAI;
  let harness: AnswerHarness;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    harness = await createAnswerHarness(fake);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });

  const lastPrompt = () => JSON.stringify(fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body);

  it('returns the model answer with citations resolved to the articles it was given', async () => {
    fake.script({
      kind: 'reply',
      text: ({ prompt }) =>
        `The money reaches your account in 5-10 business days, depending on your bank [${sourceNumber(prompt, 'Refund policy')}].`,
    });
    const res = await ask(harness, REFUND_QUESTION);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as AnswerBody;
    expect(answer.citations.map((c) => c.articleId)).toEqual(['refund-policy.md']);
    expect(answer.grounding.verdict).toBe('supported');
    expect(answer).toMatchObject({ degraded: false, abstained: false, model: 'fake-model' });
    expect(answer.usage.promptTokens).toBeGreaterThan(0);
    expect(answer.usage.costUsd).toBeGreaterThan(0);
  });

  it('catches a number the sources do not state, strips that sentence and says so', async () => {
    fake.script({
      kind: 'reply',
      text: ({ prompt }) => {
        const n = sourceNumber(prompt, 'Refund policy');
        return `The money reaches your account in 5-10 business days [${n}]. Refunds over $75 are always paid within 3 hours [${n}].`;
      },
    });
    const answer = (await (await ask(harness, REFUND_QUESTION)).json()) as AnswerBody;
    expect(answer.text).toContain('5-10 business days');
    expect(answer.text).not.toContain('3 hours');
    expect(answer.text).toContain('Part of this answer was removed');
    expect(answer.grounding.removed).toBe(1);
    expect(answer.grounding.sentences.find((s) => !s.supported)?.reasons.join(' ')).toMatch(/3 hours|\$75/);
  });

  it.each([
    ['times out', [{ kind: 'hang' as const }, { kind: 'hang' as const }]],
    ['answers 500', [{ kind: 'error' as const }, { kind: 'error' as const }]],
    ['returns malformed JSON', [{ kind: 'malformed' as const }, { kind: 'malformed' as const }]],
  ])('still answers, extractively and marked degraded, when the model %s', async (_, steps) => {
    fake.script(...steps);
    const res = await ask(harness, REFUND_QUESTION);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as AnswerBody;
    expect(answer.degraded).toBe(true);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(fake.calls('/v1/chat/completions')).toBe(2);
  });

  it('retries a failure once and then answers normally', async () => {
    fake.script(
      { kind: 'error' },
      {
        kind: 'reply',
        text: ({ prompt }) => `Refunds take 5-10 business days [${sourceNumber(prompt, 'Refund policy')}].`,
      },
    );
    const answer = (await (await ask(harness, REFUND_QUESTION)).json()) as AnswerBody;
    expect(answer.degraded).toBe(false);
  });

  it('streams events in order, and a stream cut midway ends in a reset and a degraded answer', async () => {
    fake.script({
      kind: 'reply',
      chunks: 6,
      text: ({ prompt }) => `Refunds take 5-10 business days [${sourceNumber(prompt, 'Refund policy')}].`,
    });
    const ok = parseSse(await (await ask(harness, REFUND_QUESTION, true)).text());
    expect(ok[0]?.event).toBe('sources');
    expect(ok.filter((e) => e.event === 'delta').length).toBeGreaterThan(1);
    expect(ok.map((e) => e.event).slice(-2)).toEqual(['grounding', 'done']);
    expect(ok.at(-1)?.data).toMatchObject({ degraded: false, citations: [{ articleId: 'refund-policy.md' }] });

    fake.script({ kind: 'cut', text: 'Refunds take five to ten business days and then', chunks: 8, afterChunks: 3 });
    const cut = parseSse(await (await ask(harness, REFUND_QUESTION, true)).text());
    const kinds = cut.map((e) => e.event);
    expect(kinds.indexOf('reset')).toBeGreaterThan(kinds.indexOf('delta'));
    expect(kinds.at(-1)).toBe('done');
    expect(cut.at(-1)?.data).toMatchObject({ degraded: true });
  });

  it('keeps article text fenced as data, so an article cannot issue instructions', async () => {
    fake.script({ kind: 'reply', text: 'See the articles.' });
    await ask(harness, REFUND_QUESTION);
    const body = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body as {
      messages: { role: string; content: string }[];
    };
    expect(body.messages[0]?.role).toBe('system');
    expect(body.messages[0]?.content).toMatch(/data, not instructions/);
    const user = body.messages.at(-1)?.content ?? '';
    expect(user.indexOf('<sources>')).toBeLessThan(user.indexOf('Question:'));
    // Only the real fence closes: no article text contains a raw closing tag.
    expect(user.match(/<\/sources>/g)).toHaveLength(1);
  });

  it('never sends the personal data a question carries to the model, the logs or the answers table', async () => {
    const values = ['maria.lopez@example.com', '+1 415 555 0100', '4111 1111 1111 1111', 'Maria Lopez'];
    fake.script({
      kind: 'reply',
      text: ({ prompt }) =>
        `Tell <PERSON_1> at <EMAIL_1> that refunds take 5-10 business days [${sourceNumber(prompt, 'Refund policy')}].`,
    });
    const res = await ask(
      harness,
      `My name is Maria Lopez, email maria.lopez@example.com, phone +1 415 555 0100, card 4111 1111 1111 1111. My refund has not arrived, how long do refunds take?`,
    );
    const answer = (await res.json()) as AnswerBody;
    // The agent who pasted them gets them back.
    expect(answer.text).toContain('maria.lopez@example.com');
    const sentToModel = lastPrompt();
    const { rows } = await harness.db.pool.query<{ dump: string }>(
      `SELECT coalesce(string_agg(row_to_json(a)::text, E'\\n'), '') AS dump FROM answers a`,
    );
    for (const [where, text] of [
      ['model', sentToModel],
      ['logs', harness.logs.join('\n')],
      ['answers table', rows[0]?.dump ?? ''],
    ] as const) {
      for (const value of values) expect(text, `${value} in ${where}`).not.toContain(value);
      const found = detect(text).filter((span) => values.some((v) => v.includes(span.value) || span.value.includes(v)));
      expect(found, where).toEqual([]);
    }
  });
});

describe('POST /v1/answer with a model and the answer cache on', () => {
  it('answers a repeated question from the cache without calling the model again', async () => {
    const fake = await startFakeOpenAI({
      defaultReply: ({ prompt }) => `Refunds take 5-10 business days [${sourceNumber(prompt, 'Refund policy')}].`,
    });
    const harness = await createAnswerHarness(fake, { cache: true });
    try {
      type Reply = { id: string; cached: boolean; text: string };
      const first = (await (await ask(harness, REFUND_QUESTION)).json()) as Reply;
      const again = (await (await ask(harness, `  ${REFUND_QUESTION}  `)).json()) as Reply;
      // A cache hit is an answer of its own (its own id, so feedback lands on what was served).
      expect(again).toMatchObject({ cached: true, text: first.text });
      expect(again.id).not.toBe(first.id);
      expect(fake.calls('/v1/chat/completions')).toBe(1);
    } finally {
      await harness.close();
      await fake.close();
    }
  });
});
