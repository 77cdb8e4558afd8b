import { createRoute, z } from '@hono/zod-openapi';
import type { Retrieval } from '@support/retrieval';
import type { ApiApp } from '../app.js';
import { errorResponses } from '../http-errors.js';

const SearchBody = z
  .object({
    query: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(4000)
      .openapi({ example: 'refund not received after 10 days' }),
    k: z.number().int().min(1).max(50).default(5),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    filters: z
      .object({
        visibility: z
          .array(z.enum(['public', 'internal']))
          .min(1)
          .optional(),
        locale: z.string().min(2).max(20).optional(),
        tags: z.array(z.string().min(1)).max(50).optional(),
        sources: z.array(z.string().min(1)).max(50).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .openapi('SearchRequest');

const BranchRank = z.object({ rank: z.number().int(), score: z.number() });
const SearchHit = z
  .object({
    articleId: z.string(),
    source: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    headingPath: z.array(z.string()),
    text: z.string(),
    score: z.number(),
    visibility: z.enum(['public', 'internal']),
    ranks: z.object({ keyword: BranchRank.optional(), vector: BranchRank.optional() }),
  })
  .openapi('SearchHit');
const SearchResponse = z
  .object({ hits: z.array(SearchHit), mode: z.string(), warnings: z.array(z.string()) })
  .openapi('SearchResponse');

const route = createRoute({
  method: 'post',
  path: '/v1/search',
  tags: ['search'],
  summary: 'Hybrid search over the knowledge base',
  request: { body: { required: true, content: { 'application/json': { schema: SearchBody } } } },
  responses: {
    200: {
      description: 'The best chunks, one per article',
      content: { 'application/json': { schema: SearchResponse } },
    },
    ...errorResponses,
  },
});

/** POST /v1/search: query, k, mode and filters in; ranked hits out (public articles unless asked). */
export function registerSearchRoute(app: ApiApp, { retrieval }: { retrieval: Retrieval }): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const result = await retrieval.search(
      { query: body.query, k: body.k, mode: body.mode, filters: { visibility: ['public'], ...body.filters } },
      { signal: c.req.raw.signal },
    );
    return c.json(
      { hits: result.hits.map(({ chunkId: _, ...hit }) => hit), mode: result.mode, warnings: result.warnings },
      200,
    );
  });
}
