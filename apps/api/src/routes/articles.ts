import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import { ArticleInput, type IndexSummary, type Retrieval } from '@support/retrieval';
import type { ApiApp } from '../api-env.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';
import { isNdjson, NDJSON, parseNdjson } from '../ndjson.js';

// One request indexes synchronously; a larger set is a re-index job (POST /v1/sources/{source}/reindex).
const BULK_MAX = 1000;

/** A source name as it appears in paths. */
export const SourceParam = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { name: 'source', in: 'path' }, example: 'help-center' });
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
type BulkArticle = z.infer<typeof BulkArticle>;

const UpsertResponse = z
  .object({ source: z.string(), externalId: z.string(), outcome: z.enum(['added', 'updated', 'unchanged']) })
  .openapi('UpsertResponse');
const BulkResponse = z
  .object({
    added: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.array(z.object({ source: z.string(), externalId: z.string(), reason: z.string() })),
  })
  .openapi('BulkResponse');

const putRoute = createRoute({
  method: 'put',
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
  path: '/v1/articles/{source}/{externalId}',
  tags: ['admin'],
  summary: 'Delete one article with its chunks',
  request: { params: ArticleParams },
  responses: { 204: { description: 'Deleted' }, ...notFoundResponse, ...errorResponses },
});

const bulkRoute = createRoute({
  method: 'post',
  path: '/v1/articles/bulk',
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
export function registerArticlesRoute(app: ApiApp, { retrieval }: { retrieval: Retrieval }): void {
  app.openapi(putRoute, async (c) => {
    const { source, externalId } = c.req.valid('param');
    const outcome = await retrieval.upsertArticle(source, { ...c.req.valid('json'), externalId });
    return c.json({ source, externalId, outcome }, outcome === 'added' ? 201 : 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { source, externalId } = c.req.valid('param');
    if (!(await retrieval.deleteArticle(source, externalId)))
      throw new AppError('not_found', `no article ${externalId} in source ${source}`);
    return c.body(null, 204);
  });

  app.openapi(bulkRoute, async (c) => {
    const articles = isNdjson(c.req.header('content-type'))
      ? parseNdjson(await c.req.text(), BulkArticle, BULK_MAX)
      : c.req.valid('json');
    if (!Array.isArray(articles) || articles.length === 0)
      throw new AppError('invalid_input', `body: expected a non-empty JSON array or ${NDJSON}`);
    return c.json(await upsertBySource(retrieval, articles), 200);
  });
}

async function upsertBySource(retrieval: Retrieval, articles: BulkArticle[]): Promise<z.infer<typeof BulkResponse>> {
  // Map.groupBy would do, but Node 20 lacks it.
  const bySource = new Map<string, BulkArticle[]>();
  for (const a of articles) {
    const group = bySource.get(a.source);
    if (group === undefined) bySource.set(a.source, [a]);
    else group.push(a);
  }
  const result: z.infer<typeof BulkResponse> = { added: 0, updated: 0, unchanged: 0, failed: [] };
  for (const [source, group] of bySource) {
    const summary: IndexSummary = await retrieval.upsertArticles(
      source,
      group.map(({ source: _, ...article }) => article),
    );
    result.added += summary.added;
    result.updated += summary.updated;
    result.unchanged += summary.unchanged;
    // upsertArticles names each failure by the article's external id.
    for (const f of summary.failed) result.failed.push({ source, externalId: f.path, reason: f.reason });
  }
  return result;
}
