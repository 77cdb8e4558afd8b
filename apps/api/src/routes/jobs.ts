import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import type { JobQueue } from '@support/retrieval';
import type { ApiApp } from '../api-env.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';

const Count = z.number().int();
const Timestamp = z.string().nullable().openapi({ format: 'date-time' });
const JobResponse = z
  .object({
    id: z.string(),
    kind: z.literal('reindex'),
    source: z.string(),
    state: z.enum(['queued', 'running', 'succeeded', 'failed']),
    input: z.object({ kind: z.enum(['folder', 'articles', 'export']), folder: z.string().nullable() }),
    progress: z.object({
      seen: Count,
      added: Count,
      updated: Count,
      unchanged: Count,
      deleted: Count,
      failed: Count,
    }),
    errors: z.array(z.object({ path: z.string(), reason: z.string() })).openapi({
      description: 'Articles that could not be indexed; they do not fail the job',
    }),
    message: z.string().nullable().openapi({ description: 'Why the job failed, or why its full sync deleted nothing' }),
    attempts: Count,
    createdAt: z.string().openapi({ format: 'date-time' }),
    startedAt: Timestamp,
    heartbeatAt: Timestamp,
    finishedAt: Timestamp,
  })
  .openapi('Job');

const route = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}',
  tags: ['admin'],
  summary: 'A job: state, progress counts, per-article errors, timestamps',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobResponse } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** GET /v1/jobs/{id}: where a re-index stands. */
export function registerJobsRoute(app: ApiApp, { jobs }: { jobs: JobQueue }): void {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const job = await jobs.find(id);
    if (job === undefined) throw new AppError('not_found', `no job ${id}`);
    return c.json(job, 200);
  });
}
