import { createRoute, z } from '@hono/zod-openapi';
import { type Retrieval, SearchHit, SearchRequest, SearchResult } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses } from '../http-errors.js';
import { named } from '../schemas.js';

// The same schema retrieval validates with, so the API cannot drift from it.
const SearchBody = SearchRequest;

// The chunk id is internal to the knowledge base; clients never see it.
const SearchHitSchema = named(SearchHit.omit({ chunkId: true }), 'SearchHit');
const SearchResponse = named(SearchResult.extend({ hits: z.array(SearchHitSchema) }), 'SearchResponse');

const route = createRoute({
  method: 'post',
  path: '/v1/search',
  operationId: 'search',
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
export function searchRoute({ retrieval }: { retrieval: Retrieval }) {
  return defineRoute({
    access: { scope: 'search' },
    route,
    handler: async (c) => {
      const request = c.req.valid('json');
      // The key's audience decides what it may see (a customer key: public articles only).
      const result = await retrieval.search(request, { signal: c.req.raw.signal, audience: c.var.caller.audience });
      return c.json(
        { hits: result.hits.map(({ chunkId: _, ...hit }) => hit), mode: result.mode, warnings: result.warnings },
        200,
      );
    },
  });
}
