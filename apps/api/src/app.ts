import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiKeyStore, ApiScope } from '@support/api-keys';
import type { AnswerStore, Copilot } from '@support/copilot';
import { AppError } from '@support/db';
import type { JobQueue, Retrieval } from '@support/retrieval';
import type { ChannelSettingsStore } from '@support/slack-state';
import type { WidgetBundle } from '@support/widget';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import type { ApiApp, ApiEnv } from './api-env.js';
import { rateLimitPerKey, requireScope } from './auth.js';
import { invalidInput, toErrorResponse } from './http-errors.js';
import { createMetrics } from './metrics.js';
import { registerAnswerRoute } from './routes/answer.js';
import { registerAnswersRoute } from './routes/answers.js';
import { registerArticlesRoute } from './routes/articles.js';
import { registerDemoPageRoute } from './routes/demo-page.js';
import { registerFeedbackRoute } from './routes/feedback.js';
import { registerHealthRoute } from './routes/health.js';
import { registerJobsRoute } from './routes/jobs.js';
import { registerOperationsRoutes } from './routes/operations.js';
import { registerReindexRoute } from './routes/reindex.js';
import { registerSearchRoute } from './routes/search.js';
import { registerSlackChannelsRoute } from './routes/slack-channels.js';
import { registerStatsRoute } from './routes/stats.js';
import { registerWidgetScriptRoute } from './routes/widget-script.js';

/** What the API is built from. */
export interface ApiDeps {
  retrieval: Retrieval;
  copilot: Copilot;
  keys: ApiKeyStore;
  jobs: JobQueue;
  answers: AnswerStore;
  logger: Logger;
  /** The Slack bot's channel settings; their admin routes exist only when given. */
  slackChannels?: ChannelSettingsStore;
  options?: { rateLimitPerMinute?: number; bodyLimitBytes?: number; now?: () => number };
  /** The helpdesk widget served at /widget.js and, with a demo key, the demo page at /. */
  widget?: { bundle: WidgetBundle; demoKey?: () => string | undefined };
}

// Which scope each protected path needs; the rest (health, docs) is open.
const SCOPES: [path: string, scope: ApiScope][] = [
  ['/v1/answer', 'answer'],
  ['/v1/answers/*', 'answer'],
  ['/v1/search', 'search'],
  ['/v1/feedback', 'feedback'],
  ['/v1/articles/*', 'admin'],
  ['/v1/sources/*', 'admin'],
  ['/v1/jobs/*', 'admin'],
  ['/v1/stats', 'admin'],
];

/** Builds the whole HTTP API from its collaborators; main.ts and the tests both call this. */
export function createApp(deps: ApiDeps): ApiApp {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error.issues);
    },
  });
  const maxBytes = deps.options?.bodyLimitBytes ?? 1_000_000;
  const metrics = createMetrics();
  app.use(requestId());
  app.use(async (c, next) => {
    const log = deps.logger.child({ requestId: c.var.requestId });
    c.set('log', log);
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    metrics.recordRequest(c.req.routePath, c.req.method, c.res.status, ms / 1000);
    log.info({ method: c.req.method, route: c.req.routePath, status: c.res.status, ms }, 'request.completed');
  });
  // Preflights carry no key, so they are answered for any origin; the real request is then
  // checked against the key's allowed origins.
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => origin,
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Copilot-Client'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new AppError('payload_too_large', `body: larger than the ${maxBytes} byte limit`);
      },
    }),
  );
  const limit = rateLimitPerKey(deps.options?.rateLimitPerMinute ?? 120, deps.options?.now);
  for (const [path, scope] of SCOPES) app.use(path, requireScope(deps.keys, scope), limit);
  app.onError(toErrorResponse);
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } },
      404,
    ),
  );
  registerHealthRoute(app);
  registerOperationsRoutes(app, { retrieval: deps.retrieval, metrics });
  registerSearchRoute(app, deps);
  registerAnswerRoute(app, { copilot: deps.copilot, metrics });
  registerFeedbackRoute(app, deps);
  registerAnswersRoute(app, deps);
  registerArticlesRoute(app, deps);
  registerReindexRoute(app, deps);
  registerJobsRoute(app, deps);
  registerStatsRoute(app, deps);
  if (deps.widget) registerWidgetScriptRoute(app, deps.widget.bundle);
  if (deps.widget?.demoKey) registerDemoPageRoute(app, deps.widget.demoKey);
  if (deps.slackChannels) registerSlackChannelsRoute(app, { slackChannels: deps.slackChannels, keys: deps.keys });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Support copilot API', version: '1' },
    security: [{ apiKey: [] }],
  });
  return app;
}
