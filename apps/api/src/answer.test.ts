import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { createTestApp, getWithKey, postJson, type TestApp } from './test-app.js';

/** Parses an SSE body into its events, in order. */
export function parseSse(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe('answers over HTTP (no model: extractive)', () => {
  let app: ApiApp;
  let keys: TestApp['keys'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, keys, close } = await createTestApp());
  });
  afterAll(() => close());

  it('POST /v1/answer with a customer key returns a cited answer from public articles only', async () => {
    const res = await postJson(
      app,
      '/v1/answer',
      { question: 'Do refunds over 500 dollars reach my card in 5 to 10 days?' },
      keys.customer,
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { text: string; citations: { articleId: string }[]; abstained: boolean };
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.articleId).toBe('refunds');
    expect(answer.citations.map((c) => c.articleId)).not.toContain('escalation');
    expect(answer.text).not.toContain('team lead');
  });

  it('rejects an audience in the body: the key decides the audience', async () => {
    const res = await postJson(app, '/v1/answer', { question: 'refund team lead', audience: 'agent' }, keys.customer);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('audience');
  });

  it('streams sources, deltas, grounding and done, and the done event carries the whole answer', async () => {
    const res = await postJson(
      app,
      '/v1/answer',
      { question: 'How long does standard shipping take?' },
      keys.customer,
      { 'content-type': 'application/json', accept: 'text/event-stream' },
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events[0]?.event).toBe('sources');
    expect(events.map((e) => e.event).slice(-2)).toEqual(['grounding', 'done']);
    const done = events.at(-1)?.data as { text: string; citations: { articleId: string }[] };
    expect(done.citations[0]?.articleId).toBe('shipping');
    const streamed = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(streamed.join('')).toBe(done.text);
  });

  it('records feedback on an answer and finds the logged answer by id', async () => {
    const answer = (await (await postJson(app, '/v1/answer', { question: 'shipping time' }, keys.customer)).json()) as {
      id: string;
    };
    const feedback = await postJson(
      app,
      '/v1/feedback',
      { answerId: answer.id, helpful: false, reason: 'incomplete', comment: 'call me at +1 415 555 0100' },
      keys.customer,
    );
    expect(feedback.status).toBe(201);
    const logged = await getWithKey(app, `/v1/answers/${answer.id}`, keys.customer);
    expect(logged.status).toBe(200);
    expect(((await logged.json()) as { id: string }).id).toBe(answer.id);
  });

  it('answers 404 for feedback on, or a lookup of, an answer that does not exist', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const feedback = await postJson(app, '/v1/feedback', { answerId: id, helpful: true }, keys.customer);
    expect(feedback.status).toBe(404);
    expect((await getWithKey(app, `/v1/answers/${id}`, keys.customer)).status).toBe(404);
    expect((await getWithKey(app, '/v1/answers/not-a-uuid', keys.customer)).status).toBe(404);
  });
});
