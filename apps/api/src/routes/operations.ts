import { createRoute, z } from '@hono/zod-openapi';
import type { Retrieval } from '@support/retrieval';
import type { ApiApp } from '../api-env.js';
import { defineRoute } from '../define-route.js';
import type { ApiMetrics } from '../metrics.js';

const Readiness = z
  .object({ ready: z.boolean(), database: z.boolean(), migrations: z.boolean(), embedder: z.boolean() })
  .openapi('Readiness');

const readinessRoute = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'readiness',
  tags: ['operations'],
  summary: 'Ready to serve: database reachable, migrations applied, embedder loaded',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
    503: { description: 'Not ready; the body says which part', content: { 'application/json': { schema: Readiness } } },
  },
});

/** GET /readyz: 200 once every part is ready, 503 naming the part that is not. */
export function readyRoute({ retrieval }: { retrieval: Retrieval }) {
  return defineRoute({
    access: 'public',
    route: readinessRoute,
    handler: async (c) => {
      const parts = await retrieval.readiness();
      const ready = parts.database && parts.migrations && parts.embedder;
      return c.json({ ready, ...parts }, ready ? 200 : 503);
    },
  });
}

/** GET /metrics (Prometheus text), outside the OpenAPI document. */
export function registerMetricsRoute(app: ApiApp, { metrics }: { metrics: ApiMetrics }): void {
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
