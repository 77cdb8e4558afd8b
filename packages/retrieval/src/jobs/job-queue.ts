import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError, describeFirstIssue, type Pool } from '@support/db';
import type { LargeSourceFit } from '../large-source-fit.js';
import {
  claimNextJob,
  findJob,
  insertJob,
  type JobRecord,
  listJobs,
  purgeFinishedJobs,
  requeueStaleJobs,
} from '../queries/jobs.js';
import type { Retrieval } from '../retrieval.js';
import { createPollLoop } from './poll-loop.js';
import { ReindexRequest, resolveAllowedFolder } from './reindex-request.js';
import { type JobLogger, type JobRunner, runReindexJob } from './run-reindex-job.js';

export type { JobLogger } from './run-reindex-job.js';

/** What createJobQueue needs. */
export interface JobQueueDeps {
  pool: Pool;
  retrieval: Pick<Retrieval, 'index'>;
  /** Absolute folders a re-index may read from (REINDEX_ALLOWED_DIRS); none by default. */
  allowedDirs?: readonly string[];
  /**
   * A source this large is fitted a static table of its own, off the event loop, and the knowledge
   * base moves to it (largeSourceFit(env): on the default embedder only). Absent, jobs never fit.
   */
  largeSources?: LargeSourceFit;
  /**
   * True when no other worker can reach this database (embedded PGlite is single-process): every
   * job found running at start was left by a dead process and is re-queued at once.
   */
  exclusive?: boolean;
  workerId?: string;
  pollIntervalMs?: number;
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is presumed dead and re-queued. */
  staleAfterMs?: number;
  /** Attempts (runs that died, not per-article failures) before a job is failed for good. */
  maxAttempts?: number;
  /** Finished jobs are deleted this long after they finished (JOB_RETENTION_DAYS; 30 days). */
  keepFinishedMs?: number;
  logger?: JobLogger;
}

/** The Postgres-backed job queue and the worker that runs its jobs in this process. */
export interface JobQueue {
  /** Queues a full re-index of `source`; a folder outside the allow-list is `forbidden`. */
  enqueueReindex(source: string, request: ReindexRequest): Promise<{ jobId: string }>;
  /** A job's state, progress counts, per-article errors and timestamps; undefined when unknown. */
  find(id: string): Promise<JobRecord | undefined>;
  /** The newest jobs, newest first (finished ones are kept JOB_RETENTION_DAYS). */
  list(limit?: number): Promise<JobRecord[]>;
  /** Re-queues jobs of dead workers, then polls for work until stop(). */
  start(): Promise<void>;
  /** Stops polling; a job running here is interrupted and put back in the queue for the next start. */
  stop(): Promise<void>;
  /** Claims and runs one job now, if one is runnable; resolves to its id, or null. */
  runNext(): Promise<string | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NO_LOG: JobLogger = { info: () => undefined, error: () => undefined };

/**
 * Builds the job queue on the knowledge base's pool. Jobs live in the `jobs` table, so they
 * survive a restart; a worker claims with FOR UPDATE SKIP LOCKED and proves it is alive with
 * heartbeats, and a job whose worker went quiet is re-queued.
 * @example const jobs = createJobQueue({ pool, retrieval, allowedDirs: ['/srv/kb'] }); await jobs.start();
 */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const log = deps.logger ?? NO_LOG;
  const allowedDirs = deps.allowedDirs ?? [];
  const recovery = {
    staleAfterMs: deps.staleAfterMs ?? 60_000,
    maxAttempts: deps.maxAttempts ?? 3,
    keepFinishedMs: deps.keepFinishedMs ?? 30 * DAY_MS,
  };
  let purgedAt = Number.NEGATIVE_INFINITY;
  let current: AbortController | undefined;
  const loop = createPollLoop(
    deps.pollIntervalMs ?? 1000,
    async (isStopped) => {
      await requeueDead(false);
      await purgeOld();
      while (!isStopped() && (await runNext()) !== null);
    },
    (error) => log.error({ err: error }, 'jobs.poll_failed'),
  );
  const runner: JobRunner = {
    pool: deps.pool,
    retrieval: deps.retrieval,
    workerId: deps.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    allowedDirs,
    ...(deps.largeSources === undefined ? {} : { largeSources: deps.largeSources }),
    // Also how often progress reaches the database: once a second keeps the dashboard's bar live.
    heartbeatMs: deps.heartbeatMs ?? 1000,
    log,
    isStopping: () => loop.stopped,
  };

  async function runNext(): Promise<string | null> {
    const job = await claimNextJob(deps.pool, runner.workerId);
    if (job === undefined) return null;
    current = new AbortController();
    try {
      await runReindexJob(runner, job, current);
    } finally {
      current = undefined;
    }
    return job.id;
  }

  // Finished jobs are history for GET /v1/jobs/{id}; once an hour, those past retention go.
  async function purgeOld(): Promise<void> {
    if (performance.now() - purgedAt < HOUR_MS) return;
    purgedAt = performance.now();
    const purged = await purgeFinishedJobs(deps.pool, recovery.keepFinishedMs);
    if (purged > 0) log.info({ purged }, 'jobs.purged');
  }

  async function requeueDead(all: boolean): Promise<void> {
    const { requeued, failed } = await requeueStaleJobs(deps.pool, { ...recovery, all });
    if (requeued.length > 0 || failed.length > 0) log.info({ requeued, failed }, 'jobs.recovered');
  }

  return {
    async enqueueReindex(source, input) {
      const job = await reindexJob(source, input, allowedDirs);
      const jobId = await insertJob(deps.pool, job);
      log.info({ jobId, source, input: job.inputKind }, 'job.queued');
      loop.wake();
      return { jobId };
    },
    find: (id) => (UUID.test(id) ? findJob(deps.pool, id) : Promise.resolve(undefined)),
    list: (limit = 20) => listJobs(deps.pool, limit),
    async start() {
      if (!loop.stopped) return;
      await requeueDead(deps.exclusive ?? false);
      loop.start();
    },
    async stop() {
      loop.halt();
      current?.abort(new Error('the worker is stopping'));
      await loop.idle();
    },
    runNext,
  };
}

/** The row a re-index request becomes; a folder must resolve inside the allow-list. */
async function reindexJob(source: string, input: ReindexRequest, allowedDirs: readonly string[]) {
  if (source.trim() === '') throw new AppError('invalid_input', 'source: must not be empty');
  const parsed = ReindexRequest.safeParse(input);
  if (!parsed.success) throw new AppError('invalid_input', describeFirstIssue(parsed.error.issues, 'request'));
  const request = parsed.data;
  const from =
    request.folder !== undefined
      ? { inputKind: 'folder' as const, folder: await resolveAllowedFolder(request.folder, allowedDirs), payload: null }
      : request.articles !== undefined
        ? { inputKind: 'articles' as const, folder: null, payload: request.articles }
        : { inputKind: 'export' as const, folder: null, payload: request.export };
  return { kind: 'reindex' as const, source, ...from };
}
