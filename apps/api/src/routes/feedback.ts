import { createRoute, z } from '@hono/zod-openapi';
import type { Copilot } from '@support/copilot';
import { defineRoute } from '../define-route.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';

const FeedbackBody = z
  .object({
    answerId: z.string().uuid('must be an answer id'),
    helpful: z.boolean(),
    reason: z.enum(['wrong', 'incomplete', 'outdated', 'not_relevant', 'other']).optional(),
    comment: z.string().max(2000).optional(),
  })
  .strict()
  .openapi('FeedbackRequest');

const route = createRoute({
  method: 'post',
  path: '/v1/feedback',
  operationId: 'sendFeedback',
  tags: ['answers'],
  summary: 'Helpful or not, on one answer',
  request: { body: { required: true, content: { 'application/json': { schema: FeedbackBody } } } },
  responses: {
    201: {
      description: 'Recorded',
      content: { 'application/json': { schema: z.object({ recorded: z.literal(true) }) } },
    },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** POST /v1/feedback: records feedback on an answer; the comment is redacted before it is stored. */
export function feedbackRoute({ copilot }: { copilot: Copilot }) {
  return defineRoute({
    access: { scope: 'feedback' },
    route,
    handler: async (c) => {
      await copilot.feedback(c.req.valid('json'));
      return c.json({ recorded: true as const }, 201);
    },
  });
}
