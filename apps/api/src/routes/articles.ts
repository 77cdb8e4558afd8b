import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import { ArticleInput, BulkUpsertSummary, type Retrieval } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';
import { isNdjson, NDJSON, parseNdjson } from '../ndjson.js';
import { named, SourceParam } from '../schemas.js';

// One request indexes synchronously; a larger set is a re-index job (POST /v1/sources/{source}/reindex).
const BULK_MAX = 1000;

const ArticleParams = z.object({
  source: SourceParam,
  externalId: z
    .string()
    .min(1)
    .max(500)
    .openapi({ param: { name: 'externalId', in: 'path' }, example: 'refund-policy' }),
});
// The id comes from the path; one in the body too would be ambiguous, so it is refused.
const ArticleBody = ArticleInput.omit({ externalId: true }).strict().openapi('ArticleBody');
const BulkArticle = ArticleInput.extend({ source: SourceParam }).strict().openapi('BulkArticle');

const UpsertResponse = z
  .object({ source: z.string(), externalId: z.string(), outcome: z.enum(['added', 'updated', 'unchanged']) })
  .openapi('UpsertResponse');
const BulkResponse = named(BulkUpsertSummary, 'BulkResponse');

const putRoute = createRoute({
  method: 'put',
  operationId: 'putArticle',
  path: '/v1/articles/{source}/{externalId}',
  tags: ['admin'],
  summary: 'Add or replace one article (re-embedded only if its content changed)',
  request: {
    params: ArticleParams,
    body: { required: true, content: { 'application/json': { schema: ArticleBody } } },
  },
  responses: {
    200: { description: 'Replaced, or unchanged', content: { 'application/json': { schema: UpsertResponse } } },
    201: { description: 'Added', content: { 'application/json': { schema: UpsertResponse } } },
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  operationId: 'deleteArticle',
  path: '/v1/articles/{source}/{externalId}',
  tags: ['admin'],
  summary: 'Delete one article with its chunks',
  request: { params: ArticleParams },
  responses: { 204: { description: 'Deleted' }, ...notFoundResponse, ...errorResponses },
});

const bulkRoute = createRoute({
  method: 'post',
  path: '/v1/articles/bulk',
  operationId: 'upsertArticles',
  tags: ['admin'],
  summary: `Add or replace up to ${BULK_MAX} articles: a JSON array, or NDJSON with one article per line`,
  description: 'Nothing is deleted. An invalid NDJSON line rejects the request with an error naming each bad line.',
  request: {
    body: {
      required: false,
      content: {
        'application/json': { schema: z.array(BulkArticle).max(BULK_MAX) },
        [NDJSON]: { schema: z.string().openapi({ description: 'One BulkArticle JSON object per line' }) },
      },
    },
  },
  responses: {
    200: { description: 'What was stored', content: { 'application/json': { schema: BulkResponse } } },
    ...errorResponses,
  },
});

/** PUT and DELETE /v1/articles/{source}/{externalId}, and POST /v1/articles/bulk. */
export function articlesRoutes({ retrieval }: { retrieval: Retrieval }) {
  const access = { scope: 'admin' } as const;
  const put = defineRoute({
    access,
    route: putRoute,
    handler: async (c) => {
      const { source, externalId } = c.req.valid('param');
      const outcome = await retrieval.upsertArticle(source, { ...c.req.valid('json'), externalId });
      return c.json({ source, externalId, outcome }, outcome === 'added' ? 201 : 200);
    },
  });
  const remove = defineRoute({
    access,
    route: deleteRoute,
    handler: async (c) => {
      const { source, externalId } = c.req.valid('param');
      if (!(await retrieval.deleteArticle(source, externalId)))
        throw new AppError('not_found', `no article ${externalId} in source ${source}`);
      return c.body(null, 204);
    },
  });
  const bulk = defineRoute({
    access,
    route: bulkRoute,
    handler: async (c) => {
      const articles = isNdjson(c.req.header('content-type'))
        ? parseNdjson(await c.req.text(), BulkArticle, BULK_MAX)
        : c.req.valid('json');
      if (!Array.isArray(articles) || articles.length === 0)
        throw new AppError('invalid_input', `body: expected a non-empty JSON array or ${NDJSON}`);
      return c.json(await retrieval.upsertAcrossSources(articles), 200);
    },
  });
  return [put, remove, bulk];
}
