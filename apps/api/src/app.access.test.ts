import { createRoute, z } from '@hono/zod-openapi';
import { API_SCOPES, createApiKeyStore } from '@support/api-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { defineRoute } from './define-route.js';
import { createTestApp, type TestApp } from './test-app.js';

type Operation = { operationId?: string; security?: Record<string, string[]>[] };
type Document = { paths: Record<string, Record<string, Operation>> };

// Unkey's shared role tests, as one walk over the document: every operation, whatever it is,
// refuses a caller without a key and a key without its scope, so a new route cannot be left open.
describe('access to every documented operation', () => {
  let test: TestApp;
  let app: ApiApp;
  // For each scope, a key holding every other scope.
  const lacking = new Map<string, string>();

  beforeAll(async () => {
    test = await createTestApp();
    app = test.app;
    const store = createApiKeyStore(test.db.pool);
    for (const scope of API_SCOPES) {
      const others = API_SCOPES.filter((s) => s !== scope);
      lacking.set(scope, (await store.create({ name: `all but ${scope}`, scopes: others, audience: 'agent' })).key);
    }
  });
  afterAll(() => test.close());

  const send = (method: string, path: string, key?: string) =>
    app.request(path.replace(/\{[^}]+\}/g, 'x'), {
      method: method.toUpperCase(),
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
    });

  it('answers 401 without a key and 403 with a key lacking the scope, or declares itself public', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Document;
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect(operation.security, `${name} declares its security`).toBeDefined();
        const scopes = operation.security?.flatMap((requirement) => Object.values(requirement).flat()) ?? [];
        const anonymous = await send(method, path);
        if (scopes.length === 0) {
          expect(path, `${name} is public`).not.toMatch(/^\/v1\//);
          expect([401, 403], `${name} is public`).not.toContain(anonymous.status);
          checked.push(name);
          continue;
        }
        expect(scopes, `${name} needs one scope`).toHaveLength(1);
        const scope = scopes[0] as string;
        expect(anonymous.status, `${name} without a key`).toBe(401);
        const wrongKey = await send(method, path, lacking.get(scope));
        expect(wrongKey.status, `${name} with a key lacking ${scope}`).toBe(403);
        expect(await wrongKey.text()).toContain(`lacks the ${scope} scope`);
        checked.push(name);
      }
    }
    // A /v1 route left out of the document would escape the walk; none is.
    const routed = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(checked)).toEqual(new Set([...routed, 'GET /healthz', 'GET /readyz']));
  });
});

// The dashboard is the one place a browser session, not a key, is the credential: its pages
// declare { session: 'admin' }, and only the sign-in form and the static assets are public.
describe('access to every dashboard page', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  it('refuses every page but the sign-in form and assets without a session, even with an admin key', async () => {
    const pages = new Set(
      test.app.routes
        .filter((r) => r.method !== 'ALL' && (r.path === '/admin' || r.path.startsWith('/admin/')))
        .map((r) => `${r.method} ${r.path}`),
    );
    const open = [
      'GET /admin/sign-in',
      'POST /admin/sign-in',
      'GET /admin/assets/dashboard.css',
      'GET /admin/assets/dashboard.js',
    ];
    expect([...pages].filter((p) => open.includes(p)).sort()).toEqual([...open].sort());
    const guarded = [...pages].filter((p) => !open.includes(p));
    expect(guarded.length).toBeGreaterThanOrEqual(4);
    for (const name of guarded) {
      const [method = 'GET', path = ''] = name.split(' ');
      const res = await test.app.request(path.replace(/:(\w+)/g, 'x'), {
        method,
        headers: {
          authorization: `Bearer ${test.keys.agent}`,
          origin: 'http://localhost',
          'content-type': 'application/x-www-form-urlencoded',
        },
        ...(method === 'GET' ? {} : { body: '' }),
      });
      expect(res.status, name).toBe(401);
      expect(await res.text(), name).toContain('not signed in to the dashboard');
    }
  });
});

describe('a route without an access rule', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  it('is refused on /v1 when added after createApp, whoever calls it', async () => {
    const { app } = test;
    const route = createRoute({
      method: 'get',
      path: '/v1/undeclared',
      responses: { 200: { description: 'Secret', content: { 'application/json': { schema: z.object({}) } } } },
    });
    app.openapi(route, (c) => c.json({}, 200));
    app.get('/v1/plain', (c) => c.text('secret'));
    for (const path of ['/v1/undeclared', '/v1/plain']) {
      expect((await app.request(path)).status, path).toBe(403);
      const asAdmin = await app.request(path, { headers: { authorization: `Bearer ${test.keys.agent}` } });
      expect(asAdmin.status, `${path} as admin`).toBe(403);
      expect(await asAdmin.text()).toContain('declares no access rule');
    }
  });

  it('does not compile', () => {
    const route = createRoute({
      method: 'get',
      path: '/v1/x',
      operationId: 'x',
      responses: { 204: { description: 'Nothing' } },
    });
    // @ts-expect-error access is required: this line compiles only if a route may omit it.
    const definition = () => defineRoute({ route, handler: (c) => c.body(null, 204) });
    expect(definition).toBeTypeOf('function');
  });
});
