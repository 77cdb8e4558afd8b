import { createRoute } from '@hono/zod-openapi';
import type { Copilot } from '@support/copilot';
import { defineRoute } from '../define-route.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';
import { AnswerSchema, IdParams } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/v1/answers/{id}',
  operationId: 'findAnswer',
  tags: ['answers'],
  summary: 'One logged answer (redacted: placeholders stand where personal data was)',
  request: { params: IdParams },
  responses: {
    200: { description: 'The answer as logged', content: { 'application/json': { schema: AnswerSchema } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** GET /v1/answers/{id}: the redacted log entry of an answer this caller's audience may see. */
export function findAnswerRoute({ copilot }: { copilot: Copilot }) {
  return defineRoute({
    access: { scope: 'answer' },
    route,
    handler: async (c) => {
      const answer = await copilot.findAnswer(c.req.valid('param').id, { audience: c.var.caller.audience });
      return c.json(answer, 200);
    },
  });
}
