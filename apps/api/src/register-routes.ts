import type { ApiKeyStore } from '@support/api-keys';
import { AppError } from '@support/db';
import type { Handler, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ApiApp, ApiEnv } from './api-env.js';
import { authorize, type RateLimiter } from './auth.js';
import type { ApiRoute, RouteAccess } from './define-route.js';

/** What the access guard checks keys with. */
export interface RouteGuardDeps {
  keys: ApiKeyStore;
  rateLimiter: RateLimiter;
}

// The paths whose every route must declare its access; the rest (health, metrics, docs) is open.
const GUARDED = '/v1/*';
// The name of the bearer scheme in the OpenAPI document; an operation lists the scope it needs.
const SCHEME = 'apiKey';

/**
 * Installs `routes`, each behind the access rule it declares, and a guard that refuses (403) any
 * /v1 route that reaches the app another way: deny by default. A /v1 route already on the app,
 * or a route with no valid access rule, is a start-up error.
 */
export function registerRoutes(app: ApiApp, routes: readonly ApiRoute[], deps: RouteGuardDeps): void {
  const earlier = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/'));
  if (earlier.length > 0)
    throw new Error(`registered without an access rule: ${earlier.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  // Middleware installed before the routes (request id, CORS, body limit) is the app's own.
  const vetted = new WeakSet<Handler>(app.routes.filter((r) => r.method === 'ALL').map((r) => r.handler));
  const accessOf = new WeakMap<Handler, RouteAccess>();
  const guard = accessGuard(vetted, accessOf, deps);
  vetted.add(guard);
  app.use(GUARDED, guard);
  app.openAPIRegistry.registerComponent('securitySchemes', SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (`pnpm kb keys create`); each operation names the scope it needs.',
  });
  for (const route of routes) {
    if (!isRouteAccess(route.access))
      throw new Error(`${route.method.toUpperCase()} ${route.path}: access must be 'public' or { scope }`);
    const before = app.routes.length;
    route.install(app, route.access === 'public' ? [] : [{ [SCHEME]: [route.access.scope] }]);
    // openapi() adds one entry per validator plus the handler; all of them answer to this rule.
    for (const added of app.routes.slice(before)) {
      vetted.add(added.handler);
      accessOf.set(added.handler, route.access);
    }
  }
}

function accessGuard(
  vetted: WeakSet<Handler>,
  accessOf: WeakMap<Handler, RouteAccess>,
  { keys, rateLimiter }: RouteGuardDeps,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const matched = matchedRoutes(c);
    const stray = matched.find((r) => !vetted.has(r.handler));
    if (stray !== undefined) {
      c.var.log.error({ method: stray.method, route: stray.path }, 'route.undeclared_access');
      throw new AppError(
        'forbidden',
        `${c.req.method} ${c.req.path}: this route declares no access rule, so it is refused`,
      );
    }
    // The first route that declares access is the one that answers; none matched means a 404.
    const access = matched.map((r) => accessOf.get(r.handler)).find((a) => a !== undefined);
    if (access === undefined || access === 'public') return next();
    const caller = await authorize(
      keys,
      {
        authorization: c.req.header('authorization'),
        origin: c.req.header('origin'),
        client: c.req.header('x-copilot-client'),
      },
      access.scope,
    );
    c.set('caller', caller);
    c.set('log', c.var.log.child({ keyId: caller.id }));
    rateLimiter.take(caller.id);
    await next();
  };
}

function isRouteAccess(access: unknown): access is RouteAccess {
  if (access === 'public') return true;
  return typeof access === 'object' && access !== null && typeof (access as { scope?: unknown }).scope === 'string';
}
