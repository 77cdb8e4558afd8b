import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, renderClientTypes } from './client-types.js';
import type { paths } from './generated/openapi.generated.js';
import { createTestApp, type TestApp } from './test-app.js';

// What a client team does: generate types from the document, then call the API through them.
describe('a client generated from /openapi.json', () => {
  let test: TestApp;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;

  beforeAll(async () => {
    test = await createTestApp();
    await test.warmUp();
    server = serve({ fetch: test.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await test.close();
  });

  it('is generated from the document the server serves, and the committed types match it', async () => {
    const served = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(served.servers).toEqual([{ url: baseUrl }]);
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
    // A route change without `pnpm openapi:types` fails here, before a client team finds out.
    expect(committed, 'run pnpm openapi:types').toBe(await renderClientTypes(test.app));
  });

  it('searches, answers and reads the logged answer through typed calls', async () => {
    // JSON only: /v1/answer also documents its text/event-stream form.
    const client = createClient<paths, 'application/json'>({
      baseUrl,
      headers: { authorization: `Bearer ${test.keys.agent}` },
    });
    const search = await client.POST('/v1/search', { body: { query: 'when does my refund arrive?', k: 2 } });
    expect(search.response.status).toBe(200);
    expect(search.data?.hits[0]?.articleId).toBe('refunds');

    const answer = await client.POST('/v1/answer', { body: { question: 'How long does standard shipping take?' } });
    expect(answer.data?.citations.map((c) => c.articleId)).toContain('shipping');
    const id = answer.data?.id ?? '';
    const logged = await client.GET('/v1/answers/{id}', { params: { path: { id } } });
    expect(logged.data?.id).toBe(id);

    const health = await client.GET('/healthz');
    expect(health.data?.status).toBe('ok');
  });

  it('gets the documented error body, typed, for a refused call', async () => {
    const anonymous = createClient<paths>({ baseUrl });
    const refused = await anonymous.GET('/v1/stats');
    expect(refused.response.status).toBe(401);
    expect(refused.error?.error.code).toBe('unauthorized');
    expect(refused.error?.error.requestId).toBe(refused.response.headers.get('x-request-id'));
  });
});
