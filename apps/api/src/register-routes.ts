import type { AdminSessionStore, ApiKeyStore } from '@support/api-keys';
import { AppError } from '@support/db';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ADMIN_PATH, readSessionCookie } from './admin/session-cookie.js';
import type { ApiApp, ApiEnv } from './api-env.js';
import { authorize, type RateLimiter } from './auth.js';
import type { ApiRoute, RouteAccess } from './define-route.js';

/** What the access guard checks keys and dashboard sessions with. */
export interface RouteGuardDeps {
  keys: ApiKeyStore;
  rateLimiter: RateLimiter;
  /** Dashboard sessions; a route declaring session access needs them. */
  sessions?: AdminSessionStore;
}

// The paths whose every route must declare its access; the rest (health, metrics, docs) is open.
// /admin is the dashboard: its pages are behind a session cookie, and its forms are same-origin only.
const GUARDED = ['/v1/*', `${ADMIN_PATH}/*`];
const isGuarded = (path: string) => path.startsWith('/v1/') || path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`);
// The name of the bearer scheme in the OpenAPI document; an operation lists the scope it needs.
const SCHEME = 'apiKey';

/**
 * Installs `routes`, each behind the access rule it declares, and a guard that refuses (403) any
 * /v1 route that reaches the app another way: deny by default. A /v1 route already on the app,
 * or a route with no valid access rule, is a start-up error.
 */
export function registerRoutes(app: ApiApp, routes: readonly ApiRoute[], deps: RouteGuardDeps): void {
  const earlier = app.routes.filter((r) => r.method !== 'ALL' && isGuarded(r.path));
  if (earlier.length > 0)
    throw new Error(`registered without an access rule: ${earlier.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  // Middleware installed before the routes (request id, CORS, body limit) is the app's own.
  const vetted = new WeakSet<Handler>(app.routes.filter((r) => r.method === 'ALL').map((r) => r.handler));
  const accessOf = new WeakMap<Handler, RouteAccess>();
  const guard = accessGuard(vetted, accessOf, deps);
  vetted.add(guard);
  for (const path of GUARDED) app.use(path, guard);
  app.openAPIRegistry.registerComponent('securitySchemes', SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (`pnpm kb keys create`); each operation names the scope it needs.',
  });
  for (const route of routes) {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    if (!isRouteAccess(route.access)) throw new Error(`${name}: access must be 'public', { scope } or { session }`);
    const { access } = route;
    if (
      access !== 'public' &&
      'session' in access &&
      (deps.sessions === undefined || !route.path.startsWith(ADMIN_PATH))
    )
      throw new Error(`${name}: session access needs the session store and a path under ${ADMIN_PATH}`);
    const before = app.routes.length;
    route.install(app, access !== 'public' && 'scope' in access ? [{ [SCHEME]: [access.scope] }] : []);
    // openapi() adds one entry per validator plus the handler; all of them answer to this rule.
    for (const added of app.routes.slice(before)) {
      vetted.add(added.handler);
      accessOf.set(added.handler, access);
    }
  }
}

function accessGuard(
  vetted: WeakSet<Handler>,
  accessOf: WeakMap<Handler, RouteAccess>,
  { keys, rateLimiter, sessions }: RouteGuardDeps,
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
    if (access === undefined) return next();
    // CSRF: besides SameSite=Strict, a dashboard form is taken only from the dashboard's own origin.
    if (c.req.path.startsWith(ADMIN_PATH) && !SAFE_METHODS.has(c.req.method)) requireSameOrigin(c);
    if (access === 'public') return next();
    if ('session' in access) {
      const token = readSessionCookie(c);
      const session = token === undefined ? undefined : await sessions?.verify(token);
      if (token === undefined || session === undefined) {
        // A page asked for by a browser goes to the sign-in form; anything else is plainly refused.
        if (c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html'))
          return c.redirect(`${ADMIN_PATH}/sign-in`, 303);
        throw new AppError('unauthorized', 'session: not signed in to the dashboard, or the session ended');
      }
      c.set('adminSession', { token, keyId: session.keyId });
      c.set('log', c.var.log.child({ keyId: session.keyId }));
      return next();
    }
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
    await rateLimiter.take(caller.id);
    await next();
  };
}

function isRouteAccess(access: unknown): access is RouteAccess {
  if (access === 'public') return true;
  if (typeof access !== 'object' || access === null) return false;
  const { scope, session } = access as { scope?: unknown; session?: unknown };
  return (typeof scope === 'string' && session === undefined) || (session === 'admin' && scope === undefined);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The Origin a browser sends with every POST must be this server's (host and port; the scheme may
// differ behind a proxy that ends TLS). A missing or opaque ('null') Origin is refused too.
function requireSameOrigin(c: Context<ApiEnv>): void {
  const origin = c.req.header('origin');
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  let sent: string | undefined;
  try {
    sent = origin === undefined ? undefined : new URL(origin).host;
  } catch {
    sent = undefined;
  }
  if (sent === undefined || sent !== host)
    throw new AppError(
      'forbidden',
      `origin: ${origin ?? 'none'} is not this dashboard's origin, so the form is refused`,
    );
}
