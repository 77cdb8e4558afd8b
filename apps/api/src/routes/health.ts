import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../define-route.js';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  tags: ['operations'],
  summary: 'The process is alive',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Health } } } },
});

/** GET /healthz: answers as long as the process serves HTTP. */
export const healthRoute = defineRoute({
  access: 'public',
  route,
  handler: (c) => c.json({ status: 'ok' as const }, 200),
});
