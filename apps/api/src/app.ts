import { OpenAPIHono } from '@hono/zod-openapi';
import type { Copilot } from '@support/copilot';
import type { Retrieval } from '@support/retrieval';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { invalidInput, toErrorResponse } from './http-errors.js';
import { registerAnswerRoute } from './routes/answer.js';
import { registerAnswersRoute } from './routes/answers.js';
import { registerFeedbackRoute } from './routes/feedback.js';
import { registerHealthRoute } from './routes/health.js';
import { registerSearchRoute } from './routes/search.js';

/** Per-request variables every handler can read. */
export type ApiEnv = { Variables: { requestId: string; log: Logger } };
export type ApiApp = OpenAPIHono<ApiEnv>;

/** What the API is built from. */
export interface ApiDeps {
  retrieval: Retrieval;
  copilot: Copilot;
  logger: Logger;
}

/** Builds the whole HTTP API from its collaborators; main.ts and the tests both call this. */
export function createApp(deps: ApiDeps): ApiApp {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error.issues);
    },
  });
  app.use(requestId());
  app.use(async (c, next) => {
    const log = deps.logger.child({ requestId: c.var.requestId });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request.completed',
    );
  });
  app.onError(toErrorResponse);
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } },
      404,
    ),
  );
  registerHealthRoute(app);
  registerSearchRoute(app, deps);
  registerAnswerRoute(app, deps);
  registerFeedbackRoute(app, deps);
  registerAnswersRoute(app, deps);
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Support copilot API', version: '1' } });
  return app;
}
