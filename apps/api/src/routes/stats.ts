import { createRoute, z } from '@hono/zod-openapi';
import { type AnswerStore, BusinessStats, resolveStatsPeriod } from '@support/copilot';
import type { Retrieval } from '@support/retrieval';
import { defineRoute } from '../define-route.js';
import { errorResponses } from '../http-errors.js';
import { named } from '../schemas.js';

const Count = z.number().int();
const Instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'must be a date (2026-12-01) or a date-time with its offset (2026-12-01T09:00:00Z)',
  );
const StatsQuery = z.object({
  from: Instant.optional().openapi({
    param: { name: 'from', in: 'query' },
    description: 'Start of the period (inclusive, UTC); default 30 days before `to`',
    example: '2026-11-01',
  }),
  to: Instant.optional().openapi({
    param: { name: 'to', in: 'query' },
    description: 'End of the period; a date includes that whole day (UTC); default now',
    example: '2026-11-30',
  }),
  bucket: z
    .enum(['day', 'week'])
    .optional()
    .openapi({ param: { name: 'bucket', in: 'query' }, description: 'Series per UTC day (default) or ISO week' }),
});

const StatsResponse = z
  .object({
    articles: Count,
    chunks: Count,
    sources: z.array(
      z.object({
        source: z.string(),
        articles: Count,
        internal: Count,
        lastUpdatedAt: z.string().nullable().openapi({ description: 'When an article of the source last changed' }),
      }),
    ),
    answers: Count,
    feedback: z.object({ helpful: Count, notHelpful: Count }),
    abstentionRate: z
      .number()
      .nullable()
      .openapi({ description: 'Share of logged answers that abstained; null before the first answer' }),
    period: named(BusinessStats, 'BusinessStats').openapi({
      description:
        'The business metrics of the period asked for (`from`, `to`, `bucket`): answers per door, helpful, abstention and cache hit rates, time to answer, cost, content gaps, most and never cited articles',
    }),
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
  summary: 'Knowledge base size, answer log counts, and the business metrics of a period',
  request: { query: StatsQuery },
  responses: {
    200: { description: 'Current counts', content: { 'application/json': { schema: StatsResponse } } },
    ...errorResponses,
  },
});

/** GET /v1/stats: counts over the knowledge base and the answer log, and a period's business metrics. */
export function statsRoute({
  retrieval,
  answers,
  now = Date.now,
}: {
  retrieval: Retrieval;
  answers: AnswerStore;
  now?: () => number;
}) {
  return defineRoute({
    access: { scope: 'admin' },
    route,
    handler: async (c) => {
      const period = resolveStatsPeriod(c.req.valid('query'), new Date(now()));
      const [kb, log, business] = await Promise.all([
        retrieval.stats(),
        answers.stats(),
        answers.businessStats(period),
      ]);
      return c.json(
        {
          articles: kb.articles,
          chunks: kb.chunks,
          sources: kb.sources,
          answers: log.answers,
          feedback: log.feedback,
          abstentionRate: log.abstentionRate,
          period: business,
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
