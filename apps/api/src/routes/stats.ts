import { createRoute, z } from '@hono/zod-openapi';
import type { AnswerStore } from '@support/copilot';
import type { Retrieval } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses } from '../http-errors.js';

const Count = z.number().int();
const StatsResponse = z
  .object({
    articles: Count,
    chunks: Count,
    sources: z.array(z.object({ source: z.string(), articles: Count, internal: Count })),
    answers: Count,
    feedback: z.object({ helpful: Count, notHelpful: Count }),
    abstentionRate: z
      .number()
      .nullable()
      .openapi({ description: 'Share of logged answers that abstained; null before the first answer' }),
    fusion: z
      .object({
        keywordWeight: z.number(),
        vectorWeight: z.number(),
        vectorSpread: z.number(),
        pseudoQueries: Count,
        keywordNdcg: z.number(),
        vectorNdcg: z.number(),
        hybridNdcg: z.number(),
        calibratedAt: z.string(),
      })
      .nullable()
      .openapi({
        description:
          'Hybrid search weights calibrated for the active embedding model, with the nDCG@10 of each side on the pseudo-queries they were chosen from; null before the first calibration',
      }),
  })
  .openapi('Stats');

const route = createRoute({
  method: 'get',
  path: '/v1/stats',
  operationId: 'stats',
  tags: ['admin'],
  summary: 'Knowledge base size, answers logged, feedback and abstention rate',
  responses: {
    200: { description: 'Current counts', content: { 'application/json': { schema: StatsResponse } } },
    ...errorResponses,
  },
});

/** GET /v1/stats: counts over the knowledge base and the answer log. */
export function statsRoute({ retrieval, answers }: { retrieval: Retrieval; answers: AnswerStore }) {
  return defineRoute({
    access: { scope: 'admin' },
    route,
    handler: async (c) => {
      const [kb, log] = await Promise.all([retrieval.stats(), answers.stats()]);
      return c.json(
        {
          articles: kb.articles,
          chunks: kb.chunks,
          sources: kb.sources,
          answers: log.answers,
          feedback: log.feedback,
          abstentionRate: log.abstentionRate,
          fusion: kb.fusion && {
            keywordWeight: kb.fusion.keywordWeight,
            vectorWeight: kb.fusion.vectorWeight,
            vectorSpread: kb.fusion.vectorSpread,
            pseudoQueries: kb.fusion.pseudoQueries,
            keywordNdcg: kb.fusion.keywordNdcg,
            vectorNdcg: kb.fusion.vectorNdcg,
            hybridNdcg: kb.fusion.hybridNdcg,
            calibratedAt: kb.fusion.calibratedAt.toISOString(),
          },
        },
        200,
      );
    },
  });
}
