import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import { type JobQueue, ReindexRequest } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses } from '../http-errors.js';
import { isNdjson, NDJSON, parseNdjson } from '../ndjson.js';
import { SourceParam } from '../schemas.js';

// An upload is stored with its job, so the bound is on rows as well as on bytes (the body limit).
const UPLOAD_MAX = 100_000;
// Each article is checked when the job runs, so one bad article is an error of that article only.
const UploadedArticle = z.looseObject({});

const Accepted = z
  .object({ jobId: z.string().openapi({ example: '9b2f6c1e-3c1a-4d6e-9a55-0f1c2d3e4f50' }) })
  .openapi('ReindexAccepted');

const route = createRoute({
  method: 'post',
  path: '/v1/sources/{source}/reindex',
  operationId: 'reindexSource',
  tags: ['admin'],
  summary: 'Queue a full sync of a source: articles missing from the new content are deleted',
  description:
    'JSON: exactly one of {folder} (an absolute server path inside REINDEX_ALLOWED_DIRS), {articles: [ArticleInput]} ' +
    `or {export: Zendesk Help Center export}. Or ${NDJSON}: one ArticleInput per line. Poll GET /v1/jobs/{id}.`,
  request: {
    params: z.object({ source: SourceParam }),
    body: {
      required: false,
      content: {
        'application/json': { schema: ReindexRequest },
        [NDJSON]: { schema: z.string().openapi({ description: 'One ArticleInput JSON object per line' }) },
      },
    },
  },
  responses: {
    202: {
      description: 'Queued; the Location header points at the job',
      content: { 'application/json': { schema: Accepted } },
    },
    ...errorResponses,
  },
});

/** POST /v1/sources/{source}/reindex: queues a re-index job and answers 202 with its id. */
export function reindexRoute({ jobs }: { jobs: JobQueue }) {
  return defineRoute({
    access: { scope: 'admin' },
    route,
    handler: async (c) => {
      const { source } = c.req.valid('param');
      const request = isNdjson(c.req.header('content-type'))
        ? { articles: parseNdjson(await c.req.text(), UploadedArticle, UPLOAD_MAX) }
        : c.req.valid('json');
      // The string schema documents the NDJSON body; a JSON body is always an object here.
      if (typeof request === 'string') throw new AppError('invalid_input', 'body: expected a JSON object');
      const { jobId } = await jobs.enqueueReindex(source, request);
      c.header('Location', `/v1/jobs/${jobId}`);
      return c.json({ jobId }, 202);
    },
  });
}
