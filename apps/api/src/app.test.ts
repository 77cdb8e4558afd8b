import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { loadConfig } from './config.js';
import { createTestApp, postJson, type TestApp } from './test-app.js';

describe('API', () => {
  let app: ApiApp;
  let keys: TestApp['keys'];
  let close: () => Promise<void>;
  let warmUp: () => Promise<void>;
  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    postJson(app, path, body, keys.agent, headers);

  beforeAll(async () => {
    ({ app, keys, close, warmUp } = await createTestApp());
  });
  afterAll(() => close());

  it('GET /healthz answers ok', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  describe('POST /v1/search', () => {
    it('returns ranked hits with title, url, text and per-branch ranks', async () => {
      const res = await post('/v1/search', { query: 'when will my refund reach my card?', k: 2 });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      const body = (await res.json()) as { hits: { articleId: string; ranks: object; text: string }[] };
      expect(body.hits[0]).toMatchObject({ articleId: 'refunds', source: 'help', title: 'Refund policy', url: null });
      expect(body.hits[0]?.ranks).toHaveProperty('keyword');
      expect(body.hits.length).toBeLessThanOrEqual(2);
    });

    it('returns public articles only unless internal ones are asked for', async () => {
      const query = { query: 'refund over 500 dollars team lead', k: 5 };
      const publicOnly = (await (await post('/v1/search', query)).json()) as { hits: { articleId: string }[] };
      expect(publicOnly.hits.map((h) => h.articleId)).not.toContain('escalation');
      const withInternal = (await (
        await post('/v1/search', { ...query, filters: { visibility: ['public', 'internal'] } })
      ).json()) as { hits: { articleId: string }[] };
      expect(withInternal.hits[0]?.articleId).toBe('escalation');
    });

    it.each([
      [{ query: '' }, 'query: must not be empty'],
      [{ query: 'x', k: 0 }, 'k: '],
      [{ query: 'x', mode: 'fuzzy' }, 'mode: '],
      [{ query: 'x', filters: { visibility: ['secret'] } }, 'filters.visibility.0: '],
      [{ query: 'x', colour: 'red' }, 'colour'],
    ])('rejects %j with 400 naming the field', async (body, message) => {
      const res = await post('/v1/search', body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(json.error.code).toBe('invalid_input');
      expect(json.error.message).toContain(message);
      expect(json.error.requestId).toBe(res.headers.get('x-request-id'));
    });

    it('lists every invalid field in details', async () => {
      const res = await post('/v1/search', { query: '', k: 0 });
      const { error } = (await res.json()) as { error: { details: { field: string }[] } };
      expect(error.details.map((d) => d.field).sort()).toEqual(['k', 'query']);
    });

    it('rejects malformed JSON and a wrong content type with a clear message', async () => {
      const malformed = await post('/v1/search', '{"query":');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(
        /^body: malformed json/,
      );
      const wrongType = await post('/v1/search', 'query=refund', { 'content-type': 'text/plain' });
      expect(wrongType.status).toBe(415);
      expect(((await wrongType.json()) as { error: { message: string } }).error.message).toBe(
        'body: expected Content-Type: application/json',
      );
    });
  });

  it('GET /readyz reports each part ready once the embedder has loaded', async () => {
    const before = await app.request('/readyz');
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, database: true, migrations: true, embedder: false });
    await warmUp();
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('GET /metrics exposes request and answer metrics in Prometheus format', async () => {
    await post('/v1/search', { query: 'refund' });
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/copilot_http_requests_total\{route="\/v1\/search",method="POST",status="200"\} \d+/);
    expect(text).toContain('copilot_answers_total');
  });

  it('serves an interactive API reference at /docs from its own assets, allowing no other origin', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    const sources = [...(await res.text()).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const source of sources) {
      expect(source).toMatch(/^\/docs\/assets\//);
      expect((await app.request(source)).status, source).toBe(200);
    }
    expect(await (await app.request('/docs/assets/init.js')).text()).toContain('/openapi.json');
    expect((await app.request('/docs/assets/package.json')).status).toBe(404);
  });

  it('takes bodies up to the limit the environment documents by default, and refuses larger ones with 413', async () => {
    const limit = loadConfig({}).BODY_LIMIT_BYTES;
    // A search body of 2 MB passes the size check and fails on the query's length.
    const large = await post('/v1/search', { query: 'x'.repeat(2_000_000) });
    expect(large.status).toBe(400);
    const tooLarge = await post('/v1/search', { query: 'x'.repeat(limit) });
    expect(tooLarge.status).toBe(413);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await app.request('/v1/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('documents its routes in /openapi.json', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/readyz',
      '/v1/answer',
      '/v1/answers/{id}',
      '/v1/articles/bulk',
      '/v1/articles/{source}/{externalId}',
      '/v1/feedback',
      '/v1/jobs/{id}',
      '/v1/search',
      '/v1/sources/{source}/reindex',
      '/v1/stats',
    ]);
  });
});
