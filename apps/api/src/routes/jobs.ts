import { createRoute } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import { type JobQueue, JobRecord } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';
import { IdParams, named } from '../schemas.js';

const JobResponse = named(JobRecord, 'Job');

const route = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}',
  operationId: 'findJob',
  tags: ['admin'],
  summary: 'A job: state, progress counts, per-article errors, timestamps',
  request: { params: IdParams },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobResponse } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** GET /v1/jobs/{id}: where a re-index stands. */
export function findJobRoute({ jobs }: { jobs: JobQueue }) {
  return defineRoute({
    access: { scope: 'admin' },
    route,
    handler: async (c) => {
      const { id } = c.req.valid('param');
      const job = await jobs.find(id);
      if (job === undefined) throw new AppError('not_found', `no job ${id}`);
      return c.json(job, 200);
    },
  });
}
