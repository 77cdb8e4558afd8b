import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { createTestApp, getWithKey, postJson, type TestApp } from './test-app.js';

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('API keys, scopes, audiences and origins', () => {
  let app: ApiApp;
  let keys: TestApp['keys'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, keys, close } = await createTestApp({ rateLimitPerMinute: 5, bodyLimitBytes: 1_000_000 }));
  });
  afterAll(() => close());

  it('answers 401 without a key, or with an unknown one', async () => {
    const none = await postJson(app, '/v1/search', { query: 'refund' }, null);
    expect(none.status).toBe(401);
    expect(await errorOf(none)).toMatchObject({ code: 'unauthorized' });
    const unknown = await postJson(app, '/v1/search', { query: 'refund' }, 'sc_not-a-real-key');
    expect(unknown.status).toBe(401);
  });

  it('answers 403 when the key lacks the scope, naming it', async () => {
    const res = await postJson(app, '/v1/answer', { question: 'refund' }, keys.searchOnly);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain('lacks the answer scope');
  });

  it('never shows a customer key an internal article, through search, answers or citations', async () => {
    const query = { query: 'refunds over 500 dollars team lead', k: 5, filters: { visibility: ['internal'] } };
    const search = (await (await postJson(app, '/v1/search', query, keys.customer)).json()) as {
      hits: { articleId: string }[];
    };
    expect(search.hits.map((h) => h.articleId)).not.toContain('escalation');
    const answer = (await (
      await postJson(app, '/v1/answer', { question: 'Do refunds over 500 dollars need a team lead?' }, keys.customer)
    ).json()) as { id: string; text: string; citations: { articleId: string }[] };
    expect(answer.citations.map((c) => c.articleId)).not.toContain('escalation');
    expect(answer.text).not.toContain('team lead');
  });

  it('lets an agent key see internal articles, and hides its answers from customer keys', async () => {
    const agent = (await (
      await postJson(app, '/v1/answer', { question: 'Do refunds over 500 dollars need a team lead?' }, keys.agent)
    ).json()) as { id: string; citations: { articleId: string }[] };
    expect(agent.citations.map((c) => c.articleId)).toContain('escalation');
    expect((await getWithKey(app, `/v1/answers/${agent.id}`, keys.agent)).status).toBe(200);
    expect((await getWithKey(app, `/v1/answers/${agent.id}`, keys.customer)).status).toBe(404);
  });

  it('accepts browser calls only from the origins a key lists, and answers preflights', async () => {
    const allowed = await postJson(app, '/v1/search', { query: 'shipping' }, keys.customer, {
      'content-type': 'application/json',
      origin: 'https://help.example.com',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://help.example.com');
    const other = await postJson(app, '/v1/search', { query: 'shipping' }, keys.customer, {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).message).toContain('origin https://evil.example is not allowed');
    const preflight = await app.request('/v1/answer', {
      method: 'OPTIONS',
      headers: { origin: 'https://help.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it('limits each key to its rate, with Retry-After, without slowing other keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await postJson(app, '/v1/search', { query: 'x' }, keys.searchOnly)).status);
    expect(statuses.slice(0, 5).every((s) => s === 200 || s === 403)).toBe(true);
    const limited = await postJson(app, '/v1/search', { query: 'x' }, keys.searchOnly);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(app, '/v1/search', { query: 'x' }, keys.agent)).status).not.toBe(429);
  });

  it('rejects a body over the size limit with 413', async () => {
    const res = await postJson(app, '/v1/search', { query: 'x'.repeat(2_000_000) }, keys.agent);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'payload_too_large' });
  });
});
