import { createRoute, z } from '@hono/zod-openapi';
import { type Retrieval, SearchRequest } from '@support/retrieval';
import type { ApiApp } from '../api-env.js';
import { errorResponses } from '../http-errors.js';

// The same schema retrieval validates with, so the API cannot drift from it.
const SearchBody = SearchRequest;

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

/** POST /v1/search: query, k, mode and filters in; ranked hits out (public only for customer keys). */
export function registerSearchRoute(app: ApiApp, { retrieval }: { retrieval: Retrieval }): void {
  app.openapi(route, async (c) => {
    const request = c.req.valid('json');
    // A customer key searches public articles only, whatever visibility it asks for.
    if (c.var.caller.audience === 'customer') request.filters = { ...request.filters, visibility: ['public'] };
    const result = await retrieval.search(request, { signal: c.req.raw.signal });
    return c.json(
      { hits: result.hits.map(({ chunkId: _, ...hit }) => hit), mode: result.mode, warnings: result.warnings },
      200,
    );
  });
}
