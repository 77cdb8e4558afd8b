import { createApiKeyStore } from '@support/api-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postJson, type TestApp } from './test-app.js';

const json = { 'content-type': 'application/json' };

// A key in a web page can be read by anyone who opens the page; the origin check is what keeps an
// agent's or admin's key from being used by some other site's script.
describe('browser origins on agent and admin keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses an agent key sent from a browser origin it does not list, and serves it to a server (no Origin)', async () => {
    const fromPage = await postJson(t.app, '/v1/answer', { question: 'refund' }, t.keys.agent, {
      ...json,
      origin: 'https://help.example.com',
    });
    expect(fromPage.status).toBe(403);
    expect(((await fromPage.json()) as { error: { message: string } }).error.message).toBe(
      'origin https://help.example.com is not allowed for this key',
    );
    // The refusal is readable by the page (a widget can show it) because it carries CORS headers.
    expect(fromPage.headers.get('access-control-allow-origin')).toBe('https://help.example.com');
    expect((await postJson(t.app, '/v1/answer', { question: 'refund' }, t.keys.agent)).status).toBe(200);
  });

  it('refuses an admin key on an admin route from an unlisted origin', async () => {
    const res = await t.app.request('/v1/stats', {
      headers: { authorization: `Bearer ${t.keys.agent}`, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await t.app.request('/v1/stats', { headers: { authorization: `Bearer ${t.keys.agent}` } })).status).toBe(
      200,
    );
  });

  it('matches an origin the key lists with capitals or a default port, as browsers send it', async () => {
    const { key } = await createApiKeyStore(t.db.pool).create({
      name: 'agent console',
      scopes: ['search'],
      audience: 'agent',
      allowedOrigins: ['https://Console.Example.com:443'],
    });
    const search = (origin: string) => postJson(t.app, '/v1/search', { query: 'refund' }, key, { ...json, origin });
    expect((await search('https://console.example.com')).status).toBe(200);
    expect((await search('https://console.example.com.evil.example')).status).toBe(403);
    expect((await search('http://console.example.com')).status).toBe(403);
  });

  it('refuses an agent key from the widget, wherever it runs, and serves a customer key', async () => {
    const fromWidget = (key: string) =>
      postJson(t.app, '/v1/answer', { question: 'refund' }, key, { ...json, 'x-copilot-client': 'widget' });
    const agent = await fromWidget(t.keys.agent);
    expect(agent.status).toBe(403);
    expect(((await agent.json()) as { error: { message: string } }).error.message).toContain(
      'the helpdesk widget takes customer keys only',
    );
    expect((await fromWidget(t.keys.customer)).status).toBe(200);
  });
});
