import { swaggerUI } from '@hono/swagger-ui';
import { createRoute, z } from '@hono/zod-openapi';
import type { Retrieval } from '@support/retrieval';
import type { ApiApp } from '../api-env.js';
import type { ApiMetrics } from '../metrics.js';

const Readiness = z
  .object({ ready: z.boolean(), database: z.boolean(), migrations: z.boolean(), embedder: z.boolean() })
  .openapi('Readiness');

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Ready to serve: database reachable, migrations applied, embedder loaded',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
    503: { description: 'Not ready; the body says which part', content: { 'application/json': { schema: Readiness } } },
  },
});

/** GET /readyz, GET /metrics (Prometheus text) and GET /docs (interactive reference). */
export function registerOperationsRoutes(
  app: ApiApp,
  { retrieval, metrics }: { retrieval: Retrieval; metrics: ApiMetrics },
): void {
  app.openapi(readyRoute, async (c) => {
    const parts = await retrieval.readiness();
    const ready = parts.database && parts.migrations && parts.embedder;
    return c.json({ ready, ...parts }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
}
