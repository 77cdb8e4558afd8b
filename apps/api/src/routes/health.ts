import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../api-env.js';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'The process is alive',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Health } } } },
});

/** GET /healthz: answers as long as the process serves HTTP. */
export function registerHealthRoute(app: ApiApp): void {
  app.openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
}
