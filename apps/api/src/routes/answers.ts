import { createRoute, z } from '@hono/zod-openapi';
import type { Copilot } from '@support/copilot';
import type { ApiApp } from '../api-env.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';
import { AnswerResponse } from './answer.js';

const route = createRoute({
  method: 'get',
  path: '/v1/answers/{id}',
  tags: ['answers'],
  summary: 'One logged answer (redacted: placeholders stand where personal data was)',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'The answer as logged', content: { 'application/json': { schema: AnswerResponse } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** GET /v1/answers/{id}: the redacted log entry of an answer this caller's audience may see. */
export function registerAnswersRoute(app: ApiApp, { copilot }: { copilot: Copilot }): void {
  app.openapi(route, async (c) => {
    const answer = await copilot.findAnswer(c.req.valid('param').id, { audience: c.var.caller.audience });
    return c.json(answer, 200);
  });
}
