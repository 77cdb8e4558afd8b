import { createRoute, z } from '@hono/zod-openapi';
import { AnswerRequest, type Copilot } from '@support/copilot';
import { isDatabaseUnavailable } from '@support/db';
import { streamSSE } from 'hono/streaming';
import { defineRoute } from '../define-route.js';
import { errorResponses } from '../http-errors.js';
import type { ApiMetrics } from '../metrics.js';
import { AnswerSchema } from '../schemas.js';

// The audience comes from the API key, never from the body: a customer key cannot ask as an agent.
const AnswerBody = AnswerRequest.omit({ audience: true });

const route = createRoute({
  method: 'post',
  path: '/v1/answer',
  operationId: 'answer',
  tags: ['answers'],
  summary: 'A cited, grounded answer from the knowledge base',
  description:
    'JSON by default. With `Accept: text/event-stream`, Server-Sent Events: `sources`, then `delta` (text; a `reset` ' +
    'event means the model failed midway and the text so far is replaced), then `grounding`, then `done` with the ' +
    'whole Answer. Render the `done` answer as final: the grounding policy may have removed sentences.',
  request: { body: { required: true, content: { 'application/json': { schema: AnswerBody } } } },
  responses: {
    200: {
      description: 'The answer',
      content: {
        'application/json': { schema: AnswerSchema },
        'text/event-stream': { schema: z.string().openapi({ description: 'sources, delta*, grounding, done' }) },
      },
    },
    ...errorResponses,
  },
});

/** POST /v1/answer: JSON, or a stream of events when the client accepts text/event-stream. */
export function answerRoute({ copilot, metrics }: { copilot: Copilot; metrics: ApiMetrics }) {
  return defineRoute({
    access: { scope: 'answer' },
    route,
    handler: async (c) => {
      const request = { ...c.req.valid('json'), audience: c.var.caller.audience };
      // The widget says it is the widget (and authorize has held it to a customer key).
      const door = c.req.header('x-copilot-client') === 'widget' ? 'widget' : 'api';
      const ctx = { log: c.var.log, signal: c.req.raw.signal, door } as const;
      if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
        const answer = await copilot.answer(request, ctx);
        metrics.recordAnswer(answer);
        return c.json(answer, 200);
      }
      // Validation already passed; from here on, failures travel as an `error` event.
      return streamSSE(c, async (sse) => {
        try {
          for await (const event of copilot.stream(request, ctx)) {
            const { type, ...data } = event;
            if (event.type === 'done') metrics.recordAnswer(event.answer);
            await sse.writeSSE({ event: type, data: JSON.stringify(type === 'done' ? event.answer : data) });
          }
        } catch (error) {
          const unavailable = isDatabaseUnavailable(error);
          c.var.log[unavailable ? 'warn' : 'error']({ err: error }, 'answer.stream_failed');
          const failure = unavailable
            ? { code: 'upstream_unavailable', message: 'the database is unavailable; retry shortly' }
            : { code: 'internal', message: 'internal error' };
          await sse.writeSSE({ event: 'error', data: JSON.stringify({ ...failure, requestId: c.var.requestId }) });
        }
      }) as never;
    },
  });
}
