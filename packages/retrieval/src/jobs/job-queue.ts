import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from '@support/db';
import { AppError, describeFirstIssue } from '@support/db';
import { z } from 'zod';
import { type SourceItem, toSourceItem } from '../ingest/article-input.js';
import type { IndexSummary } from '../ingest/index-articles.js';
import { readSource } from '../ingest/read-source.js';
import { zendeskExportToItems } from '../ingest/read-zendesk.js';
import {
  type ClaimedJob,
  claimNextJob,
  findJob,
  finishJob,
  heartbeatJob,
  insertJob,
  type JobProgress,
  type JobRecord,
  purgeFinishedJobs,
  releaseJob,
  requeueStaleJobs,
} from '../queries/jobs.js';
import type { Retrieval } from '../retrieval.js';
import { ReindexRequest, resolveAllowedFolder } from './reindex-request.js';

/** Where the queue reports what it did; a pino logger fits. */
export interface JobLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What createJobQueue needs. */
export interface JobQueueDeps {
  pool: Pool;
  retrieval: Pick<Retrieval, 'index'>;
  /** Absolute folders a re-index may read from (REINDEX_ALLOWED_DIRS); none by default. */
  allowedDirs?: readonly string[];
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
  /** Re-queues jobs of dead workers, then polls for work until stop(). */
  start(): Promise<void>;
  /** Stops polling; a job running here is interrupted and put back in the queue for the next start. */
  stop(): Promise<void>;
  /** Claims and runs one job now, if one is runnable; resolves to its id, or null. */
  runNext(): Promise<string | null>;
}

// Enough to act on; the count in progress.failed stays exact beyond it.
const MAX_STORED_ERRORS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NO_LOG: JobLogger = { info: () => undefined, error: () => undefined };
const StoredArticles = z.array(z.unknown());

/**
 * Builds the job queue on the knowledge base's pool. Jobs live in the `jobs` table, so they
 * survive a restart; a worker claims with FOR UPDATE SKIP LOCKED and proves it is alive with
 * heartbeats, and a job whose worker went quiet is re-queued.
 * @example const jobs = createJobQueue({ pool, retrieval, allowedDirs: ['/srv/kb'] }); await jobs.start();
 */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const allowedDirs = deps.allowedDirs ?? [];
  const pollIntervalMs = deps.pollIntervalMs ?? 1000;
  const heartbeatMs = deps.heartbeatMs ?? 5000;
  const staleAfterMs = deps.staleAfterMs ?? 60_000;
  const maxAttempts = deps.maxAttempts ?? 3;
  const keepFinishedMs = deps.keepFinishedMs ?? 30 * DAY_MS;
  let purgedAt = Number.NEGATIVE_INFINITY;
  const log = deps.logger ?? NO_LOG;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let pollAgain = false;
  let current: AbortController | undefined;

  async function enqueueReindex(source: string, input: ReindexRequest): Promise<{ jobId: string }> {
    if (source.trim() === '') throw new AppError('invalid_input', 'source: must not be empty');
    const request = parseRequest(input);
    const job =
      request.folder !== undefined
        ? {
            inputKind: 'folder' as const,
            folder: await resolveAllowedFolder(request.folder, allowedDirs),
            payload: null,
          }
        : request.articles !== undefined
          ? { inputKind: 'articles' as const, folder: null, payload: request.articles }
          : { inputKind: 'export' as const, folder: null, payload: request.export };
    const jobId = await insertJob(deps.pool, { kind: 'reindex', source, ...job });
    log.info({ jobId, source, input: job.inputKind }, 'job.queued');
    wake();
    return { jobId };
  }

  async function runNext(): Promise<string | null> {
    const job = await claimNextJob(deps.pool, workerId);
    if (job === undefined) return null;
    await runJob(job);
    return job.id;
  }

  async function runJob(job: ClaimedJob): Promise<void> {
    const controller = new AbortController();
    current = controller;
    const progress: JobProgress = { seen: 0, added: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 };
    const stopBeating = heartbeat(job.id, progress, controller);
    log.info({ jobId: job.id, source: job.source, attempt: job.attempts }, 'job.started');
    try {
      const summary = await deps.retrieval.index(counted(itemsOf(job), progress), {
        source: job.source,
        fullSync: true,
        signal: controller.signal,
        onProgress: (p) => Object.assign(progress, pick(p, ['added', 'updated', 'unchanged', 'failed'])),
      });
      await finishJob(deps.pool, succeeded(job.id, workerId, progress, summary));
      log.info({ jobId: job.id, ...finalCounts(progress, summary) }, 'job.succeeded');
    } catch (error) {
      await onJobError(job, progress, controller, error);
    } finally {
      stopBeating();
      current = undefined;
    }
  }

  async function onJobError(job: ClaimedJob, progress: JobProgress, controller: AbortController, error: unknown) {
    if (controller.signal.aborted) {
      // Interrupted by stop(): back to the queue. Taken over by another worker: not ours to touch.
      if (stopped) await releaseJob(deps.pool, { id: job.id, workerId });
      log.info({ jobId: job.id, reason: String(controller.signal.reason) }, 'job.interrupted');
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    await finishJob(deps.pool, { id: job.id, workerId, state: 'failed', progress, errors: [], message });
    log.error({ jobId: job.id, err: error }, 'job.failed');
  }

  // Chained timeouts, not setInterval: a slow heartbeat (the pool busy with a batch) never overlaps the next.
  function heartbeat(id: string, progress: JobProgress, controller: AbortController): () => void {
    let beat: NodeJS.Timeout | undefined;
    let done = false;
    const next = () => {
      beat = setTimeout(async () => {
        const ours = await heartbeatJob(deps.pool, { id, workerId, progress: { ...progress } }).catch(() => true);
        if (!ours) controller.abort(new Error('another worker took the job over'));
        else if (!done) next();
      }, heartbeatMs);
    };
    next();
    return () => {
      done = true;
      clearTimeout(beat);
    };
  }

  async function* itemsOf(job: ClaimedJob): AsyncGenerator<SourceItem> {
    if (job.inputKind === 'folder') {
      // Checked again here: the allow-list may have changed since the job was queued.
      yield* readSource(await resolveAllowedFolder(job.folder ?? '', allowedDirs));
    } else if (job.inputKind === 'articles') {
      const records = StoredArticles.parse(job.payload);
      for (const [i, record] of records.entries()) yield toSourceItem(`articles[${i}]`, record);
    } else {
      yield* zendeskExportToItems('export', job.payload);
    }
  }

  async function poll(): Promise<void> {
    do {
      pollAgain = false;
      try {
        await requeueDead(false);
        await purgeOld();
        while (!stopped && (await runNext()) !== null);
      } catch (error) {
        log.error({ err: error }, 'jobs.poll_failed');
      }
    } while (pollAgain && !stopped);
    if (!stopped) timer = setTimeout(wake, pollIntervalMs);
  }

  // Finished jobs are history for GET /v1/jobs/{id}; once an hour, those past retention go.
  async function purgeOld(): Promise<void> {
    if (performance.now() - purgedAt < HOUR_MS) return;
    purgedAt = performance.now();
    const purged = await purgeFinishedJobs(deps.pool, keepFinishedMs);
    if (purged > 0) log.info({ purged }, 'jobs.purged');
  }

  function wake(): void {
    if (stopped) return;
    if (polling !== undefined) {
      pollAgain = true;
      return;
    }
    clearTimeout(timer);
    polling = poll().finally(() => {
      polling = undefined;
    });
  }

  async function requeueDead(all: boolean): Promise<void> {
    const { requeued, failed } = await requeueStaleJobs(deps.pool, { staleAfterMs, maxAttempts, all });
    if (requeued.length > 0 || failed.length > 0) log.info({ requeued, failed }, 'jobs.recovered');
  }

  return {
    enqueueReindex,
    find: (id) => (UUID.test(id) ? findJob(deps.pool, id) : Promise.resolve(undefined)),
    async start() {
      if (!stopped) return;
      await requeueDead(deps.exclusive ?? false);
      stopped = false;
      wake();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      current?.abort(new Error('the worker is stopping'));
      await polling;
    },
    runNext,
  };
}

function parseRequest(input: ReindexRequest): ReindexRequest {
  const parsed = ReindexRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', describeFirstIssue(parsed.error.issues, 'request'));
}

async function* counted(items: AsyncIterable<SourceItem>, progress: JobProgress): AsyncGenerator<SourceItem> {
  for await (const item of items) {
    progress.seen++;
    yield item;
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

function finalCounts(progress: JobProgress, summary: IndexSummary): JobProgress {
  return {
    seen: progress.seen,
    added: summary.added,
    updated: summary.updated,
    unchanged: summary.unchanged,
    deleted: summary.deleted,
    failed: summary.failed.length,
  };
}

function succeeded(id: string, workerId: string, progress: JobProgress, summary: IndexSummary) {
  const notes: string[] = [];
  if (summary.fullSyncSkipped !== undefined) notes.push(summary.fullSyncSkipped);
  if (summary.failed.length > MAX_STORED_ERRORS)
    notes.push(`${summary.failed.length} articles failed; the first ${MAX_STORED_ERRORS} are listed`);
  return {
    id,
    workerId,
    state: 'succeeded' as const,
    progress: finalCounts(progress, summary),
    errors: summary.failed.slice(0, MAX_STORED_ERRORS),
    message: notes.length > 0 ? notes.join('; ') : null,
  };
}
