import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { ApiScope } from '@support/api-keys';
import type { ApiApp, ApiEnv } from './api-env.js';

/**
 * Who may call a route: a live API key holding `scope`; a signed-in admin's dashboard session
 * (the session cookie, only on /admin pages: a browser cannot hold a key safely); or anyone (`'public'`).
 */
export type RouteAccess = { scope: ApiScope } | { session: 'admin' } | 'public';

/** A route with its access rule, ready for `registerRoutes`; built only by `defineRoute`. */
export interface ApiRoute {
  readonly access: RouteAccess;
  readonly method: RouteConfig['method'];
  readonly path: string;
  /** Installs the handler, its OpenAPI entry carrying `security` (what the access rule demands). */
  readonly install: (app: ApiApp, security: Record<string, string[]>[]) => void;
}

/**
 * Declares a route together with who may call it. `access` is required: a route without one does
 * not compile, and the app refuses at request time any /v1 route not registered this way. So is an
 * `operationId`: generated clients name their methods after it.
 * @example
 * export const statsRoute = (deps: { copilot: Copilot }) =>
 *   defineRoute({ access: { scope: 'admin' }, route, handler: async (c) => c.json(await deps.copilot.stats(), 200) });
 */
export function defineRoute<R extends RouteConfig & { operationId: string }>(definition: {
  access: RouteAccess;
  route: R;
  handler: RouteHandler<R, ApiEnv>;
}): ApiRoute {
  const { access, route, handler } = definition;
  return {
    access,
    method: route.method,
    path: route.path,
    install: (app, security) => {
      // The handler was checked against R above; openapi's own generics cannot see through R.
      app.openapi({ ...route, security }, handler as never);
    },
  };
}
