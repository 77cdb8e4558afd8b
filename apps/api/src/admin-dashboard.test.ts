import { createHash } from 'node:crypto';
import { createApiKeyStore } from '@support/api-keys';
import { seedAnswerLog, threeDaysOfAnswers } from '@support/copilot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

const ORIGIN = 'http://localhost';
const HTML = { accept: 'text/html' };

// The /admin dashboard through app.request: the session lifecycle, CSRF, and escaping of the log.
describe('admin dashboard', () => {
  let t: TestApp;
  const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
      body: new URLSearchParams(body).toString(),
    });
  const signIn = async (key: string) => {
    const res = await post('/admin/sign-in', { key });
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { res, setCookie, cookie: setCookie.split(';')[0] ?? '' };
  };
  const dashboard = (cookie: string, query = '') => t.app.request(`/admin${query}`, { headers: { ...HTML, cookie } });

  beforeAll(async () => {
    t = await createTestApp();
    // Ending yesterday, so that every seeded answer lies inside the default period (up to now).
    await seedAnswerLog(t.db.pool, threeDaysOfAnswers(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)));
  });
  afterAll(() => t.close());

  it('exchanges an admin key for a session cookie that opens the dashboard, and stores only its hash', async () => {
    const { res, setCookie, cookie } = await signIn(t.keys.agent);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    expect(setCookie).toMatch(/^copilot_admin=ses_[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin');
    expect(setCookie).not.toContain('Secure'); // plain http: a Secure cookie would never come back
    expect(setCookie).not.toContain(t.keys.agent);
    const token = cookie.slice('copilot_admin='.length);
    const { rows } = await t.db.pool.query<{ token_hash: string }>('SELECT token_hash FROM admin_sessions');
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);

    const page = await dashboard(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await page.text();
    expect(text).toContain('Content gaps');
    expect(text).toContain('What does shipping cost?');
    expect(text).not.toContain(t.keys.agent);
  });

  it('marks the cookie Secure when the dashboard is reached over https', async () => {
    const res = await t.app.request('https://localhost/admin/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
      body: new URLSearchParams({ key: t.keys.agent }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('refuses a wrong key and a key without the admin scope, with the form again and no cookie', async () => {
    for (const [key, status, message] of [
      ['sc_not-a-key', 401, 'Unknown or revoked key'],
      [t.keys.customer, 403, 'does not have the admin scope'],
      [t.keys.searchOnly, 403, 'does not have the admin scope'],
      ['', 401, 'Enter an admin API key'],
    ] as const) {
      const { res, setCookie } = await signIn(key);
      expect(res.status, key).toBe(status);
      expect(setCookie, key).toBe('');
      expect(await res.text(), key).toContain(message);
    }
  });

  it('sends a browser without a session to the sign-in form, and refuses a key in place of a session', async () => {
    const res = await t.app.request('/admin', { headers: HTML });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/sign-in');
    const withKey = await t.app.request('/admin', { headers: { authorization: `Bearer ${t.keys.agent}` } });
    expect(withKey.status).toBe(401);
    expect((await t.app.request('/admin', { headers: { ...HTML, cookie: 'copilot_admin=ses_forged' } })).status).toBe(
      303,
    );
  });

  it('signs out for good: the old cookie is refused afterwards', async () => {
    const { cookie } = await signIn(t.keys.agent);
    expect((await dashboard(cookie)).status).toBe(200);
    const out = await post('/admin/sign-out', {}, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/sign-in');
    expect(out.headers.get('set-cookie')).toMatch(/^copilot_admin=;.*Max-Age=0/);
    // Replaying the cookie the browser was told to forget does not work: the session is gone.
    const replay = await dashboard(cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/admin/sign-in');
    expect((await post('/admin/sign-out', {}, { cookie })).status).toBe(401);
  });

  it('ends the sessions of a key that is revoked', async () => {
    const store = createApiKeyStore(t.db.pool);
    const { key, record } = await store.create({ name: 'temp admin', scopes: ['admin'], audience: 'agent' });
    const { cookie } = await signIn(key);
    expect((await dashboard(cookie)).status).toBe(200);
    await store.revoke(record.id);
    expect((await dashboard(cookie)).status).toBe(303);
  });

  it('takes a dashboard form only from its own origin (CSRF)', async () => {
    const { cookie } = await signIn(t.keys.agent);
    for (const origin of ['http://evil.example', 'null']) {
      const res = await post('/admin/sign-out', {}, { cookie, origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain('is not this dashboard');
    }
    const noOrigin = await t.app.request('/admin/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `key=${t.keys.agent}`,
    });
    expect(noOrigin.status).toBe(403);
    // The refused sign-out did not end the session.
    expect((await dashboard(cookie)).status).toBe(200);
  });

  it('shows a question holding a script as text, never as markup', async () => {
    const { cookie } = await signIn(t.keys.agent);
    const text = await (await dashboard(cookie)).text();
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; is shipping to Mars possible?');
    expect(text).not.toContain('<script>alert(1)');
    // The email the agent pasted was redacted before it was logged; the gap list shows the placeholder.
    expect(text).toContain('Refund for &lt;EMAIL_1&gt; please');
  });

  it('shows a period it cannot use as an error over the default period', async () => {
    const { cookie } = await signIn(t.keys.agent);
    const res = await dashboard(cookie, '?from=2026-12-10&to=2026-12-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('from: must be before to');
  });

  it('queues a re-index from the form and refuses a folder outside the allowed ones', async () => {
    const { cookie } = await signIn(t.keys.agent);
    const refused = await post('/admin/reindex', { source: 'help', folder: '/etc' }, { cookie });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('outside the folders allowed for re-indexing');
  });
});
