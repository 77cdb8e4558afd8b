import { createRoute, z } from '@hono/zod-openapi';
import { type AnswerStore, resolveStatsPeriod, type StatsPeriodInput } from '@support/copilot';
import { AppError, isAppError } from '@support/db';
import type { JobQueue, Retrieval } from '@support/retrieval';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { dashboardPage } from '../admin/dashboard-page.js';
import { DASHBOARD_CSP } from '../admin/layout.js';
import { ADMIN_PATH } from '../admin/session-cookie.js';
import type { ApiEnv } from '../api-env.js';
import { defineRoute } from '../define-route.js';
import { IdParams } from '../schemas.js';

const Page = { 'text/html': { schema: z.string() } };
const Field = z.string().max(300).optional();

const dashboard = createRoute({
  method: 'get',
  path: ADMIN_PATH,
  operationId: 'adminDashboard',
  hide: true,
  request: { query: z.object({ from: Field, to: Field, bucket: Field }) },
  responses: { 200: { description: 'The dashboard', content: Page } },
});

const reindex = createRoute({
  method: 'post',
  path: `${ADMIN_PATH}/reindex`,
  operationId: 'adminReindex',
  hide: true,
  request: {
    body: {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: z.object({ source: Field, folder: Field }) } },
    },
  },
  responses: {
    303: { description: 'Queued: back to the jobs' },
    400: { description: 'Refused: the dashboard with the reason', content: Page },
  },
});

const jobEvents = createRoute({
  method: 'get',
  path: `${ADMIN_PATH}/jobs/{id}/events`,
  operationId: 'adminJobEvents',
  hide: true,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'A `job` event per change, until it ends',
      content: { 'text/event-stream': { schema: z.string() } },
    },
  },
});

/** What the dashboard reads. */
export interface AdminDashboardDeps {
  retrieval: Retrieval;
  answers: AnswerStore;
  jobs: JobQueue;
  now?: () => number;
  /** How often a followed job is read again. */
  jobPollMs?: number;
}

const DAY_MS = 86_400_000;

/** The dashboard page, the re-index form behind it, and the progress stream of one job. */
export function adminDashboardRoutes(deps: AdminDashboardDeps) {
  const now = deps.now ?? Date.now;

  // A period the admin got wrong is shown as an error above the default period, not a bare 400.
  async function render(c: Context<ApiEnv>, input: StatsPeriodInput, error?: string) {
    let period: ReturnType<typeof resolveStatsPeriod>;
    try {
      period = resolveStatsPeriod(input, new Date(now()));
    } catch (e) {
      if (!isAppError(e)) throw e;
      period = resolveStatsPeriod({}, new Date(now()));
      error = e.message;
    }
    const [stats, kb, jobs] = await Promise.all([
      deps.answers.businessStats(period),
      deps.retrieval.stats(),
      deps.jobs.list(20),
    ]);
    c.header('Content-Security-Policy', DASHBOARD_CSP);
    c.header('Cache-Control', 'no-store');
    const form = {
      from: period.from.toISOString().slice(0, 10),
      to: new Date(period.to.getTime() - 1).toISOString().slice(0, 10),
      bucket: period.bucket,
    };
    return c.html(dashboardPage({ stats, index: kb, jobs, form, error }), error === undefined ? 200 : 400);
  }

  return [
    defineRoute({
      access: { session: 'admin' },
      route: dashboard,
      handler: async (c) => {
        const q = c.req.valid('query');
        const given = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
        const bucket = given(q.bucket);
        return (await render(c, {
          from: given(q.from),
          to: given(q.to),
          bucket: bucket as StatsPeriodInput['bucket'],
        })) as never;
      },
    }),
    defineRoute({
      access: { session: 'admin' },
      route: reindex,
      handler: async (c) => {
        const { source = '', folder = '' } = c.req.valid('form');
        try {
          if (source.trim() === '') throw new AppError('invalid_input', 'source: must not be empty');
          const { jobId } = await deps.jobs.enqueueReindex(source.trim(), { folder: folder.trim() });
          c.var.log.info({ jobId, source }, 'admin.reindex_queued');
          return c.redirect(`${ADMIN_PATH}#jobs`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          return (await render(c, {}, `Re-index refused: ${error.message}`)) as never;
        }
      },
    }),
    defineRoute({
      access: { session: 'admin' },
      route: jobEvents,
      handler: async (c) => {
        const { id } = c.req.valid('param');
        const first = await deps.jobs.find(id);
        if (first === undefined) throw new AppError('not_found', `no job ${id}`);
        return streamSSE(c, async (sse) => {
          let job = first;
          let last = '';
          const until = now() + DAY_MS;
          while (!sse.aborted && now() < until) {
            const data = JSON.stringify(job);
            if (data !== last) await sse.writeSSE({ event: 'job', data });
            last = data;
            if (job.state === 'succeeded' || job.state === 'failed') return;
            await sse.sleep(deps.jobPollMs ?? 250);
            job = (await deps.jobs.find(id)) ?? job;
          }
        }) as never;
      },
    }),
  ];
}
