import { OpenAPIHono } from '@hono/zod-openapi';
import type { AdminSessionStore, ApiKeyStore } from '@support/api-keys';
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
import { API_DEFAULTS, type ApiOptions } from './api-options.js';
import { createRateLimiter } from './auth.js';
import { registerDocsPage } from './docs-page.js';
import { invalidInput, toErrorResponse } from './http-errors.js';
import { createMetrics } from './metrics.js';
import { registerOpenApiDocument } from './openapi.js';
import { registerRoutes } from './register-routes.js';
import { adminAssetRoutes } from './routes/admin-assets.js';
import { adminDashboardRoutes } from './routes/admin-dashboard.js';
import { adminSessionRoutes } from './routes/admin-session.js';
import { answerRoute } from './routes/answer.js';
import { findAnswerRoute } from './routes/answers.js';
import { articlesRoutes } from './routes/articles.js';
import { registerDemoPageRoute } from './routes/demo-page.js';
import { feedbackRoute } from './routes/feedback.js';
import { healthRoute } from './routes/health.js';
import { findJobRoute } from './routes/jobs.js';
import { readyRoute, registerMetricsRoute } from './routes/operations.js';
import { reindexRoute } from './routes/reindex.js';
import { searchRoute } from './routes/search.js';
import { slackChannelsRoutes } from './routes/slack-channels.js';
import { statsRoute } from './routes/stats.js';
import { registerWidgetScriptRoute } from './routes/widget-script.js';
import { assertStorable } from './storable-input.js';

/** What the API is built from. */
export interface ApiDeps {
  retrieval: Retrieval;
  copilot: Copilot;
  keys: ApiKeyStore;
  jobs: JobQueue;
  answers: AnswerStore;
  logger: Logger;
  /** Dashboard sessions; the /admin dashboard exists only when given. */
  adminSessions?: AdminSessionStore;
  /** The Slack bot's channel settings; their admin routes exist only when given. */
  slackChannels?: ChannelSettingsStore;
  options?: ApiOptions;
  /** The helpdesk widget served at /widget.js and, with a demo key, the demo page at /. */
  widget?: { bundle: WidgetBundle; demoKey?: () => string | undefined };
}

/** Builds the whole HTTP API from its collaborators; main.ts and the tests both call this. */
export function createApp(deps: ApiDeps): ApiApp {
  const app = new OpenAPIHono<ApiEnv>({
    // Called after every validation, passed or not: input that passed its schema is still
    // refused if Postgres could not store it.
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error.issues);
      assertStorable(result.data, result.target);
    },
  });
  const maxBytes = deps.options?.bodyLimitBytes ?? API_DEFAULTS.bodyLimitBytes;
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
  app.onError(toErrorResponse);
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } },
      404,
    ),
  );
  // Every route declares who may call it in its own module (deny by default: see register-routes.ts).
  const routes = [
    healthRoute,
    readyRoute(deps),
    searchRoute(deps),
    answerRoute({ copilot: deps.copilot, metrics }),
    feedbackRoute(deps),
    findAnswerRoute(deps),
    ...articlesRoutes(deps),
    reindexRoute(deps),
    findJobRoute(deps),
    statsRoute({ ...deps, now: deps.options?.now }),
    ...(deps.slackChannels ? slackChannelsRoutes({ slackChannels: deps.slackChannels }) : []),
    ...(deps.adminSessions
      ? [
          ...adminSessionRoutes({ sessions: deps.adminSessions }),
          ...adminDashboardRoutes({ ...deps, now: deps.options?.now }),
          ...adminAssetRoutes(),
        ]
      : []),
  ];
  const rateLimiter = createRateLimiter(deps.keys, deps.options?.rateLimitPerMinute ?? API_DEFAULTS.rateLimitPerMinute);
  registerRoutes(app, routes, { keys: deps.keys, rateLimiter, sessions: deps.adminSessions });
  registerMetricsRoute(app, { metrics });
  registerOpenApiDocument(app);
  registerDocsPage(app);
  if (deps.widget) registerWidgetScriptRoute(app, deps.widget.bundle);
  if (deps.widget?.demoKey) registerDemoPageRoute(app, deps.widget.demoKey);
  return app;
}
