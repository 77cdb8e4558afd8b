import { createRoute, z } from '@hono/zod-openapi';
import { DASHBOARD_CSS, DASHBOARD_JS } from '../admin/assets.js';
import { ADMIN_PATH } from '../admin/session-cookie.js';
import { defineRoute } from '../define-route.js';

const asset = (name: string, type: string) =>
  createRoute({
    method: 'get',
    path: `${ADMIN_PATH}/assets/${name}`,
    operationId: `adminAsset${name.replace(/\W/g, '')}`,
    hide: true,
    responses: { 200: { description: name, content: { [type]: { schema: z.string() } } } },
  });

/** The dashboard's stylesheet and script: public (the sign-in form uses them too), nothing secret in them. */
export function adminAssetRoutes() {
  const serve = (name: string, type: string, body: string) =>
    defineRoute({
      access: 'public',
      route: asset(name, type),
      handler: (c) =>
        c.body(body, 200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' }) as never,
    });
  return [serve('dashboard.css', 'text/css', DASHBOARD_CSS), serve('dashboard.js', 'text/javascript', DASHBOARD_JS)];
}
