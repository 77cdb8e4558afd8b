import type { Queryable } from '@support/db';
import { z } from 'zod';

const Count = z.number().int();
const Timestamp = z.iso.datetime();

/** Where a job stands. */
export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobState = z.infer<typeof JobState>;
/** Where a re-index reads its articles from. */
export type JobInputKind = 'folder' | 'articles' | 'export';

/** Counts a re-index reports while it runs. */
export const JobProgress = z.object({
  seen: Count,
  added: Count,
  updated: Count,
  unchanged: Count,
  deleted: Count,
  failed: Count,
});
export type JobProgress = z.infer<typeof JobProgress>;

/** A per-article failure; it does not fail the job. */
export const JobArticleError = z.object({ path: z.string(), reason: z.string() });
export type JobArticleError = z.infer<typeof JobArticleError>;

/** A job as callers see it (the uploaded payload is not part of it). */
export const JobRecord = z.object({
  id: z.string(),
  kind: z.literal('reindex'),
  source: z.string(),
  state: JobState,
  input: z.object({ kind: z.enum(['folder', 'articles', 'export']), folder: z.string().nullable() }),
  progress: JobProgress,
  errors: z.array(JobArticleError).describe('Articles that could not be indexed; they do not fail the job'),
  message: z
    .string()
    .nullable()
    .describe(
      'Why the job failed, why its full sync deleted nothing, or the fitted model the knowledge base moved to (while running: the fit under way)',
    ),
  attempts: Count,
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  heartbeatAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type JobRecord = z.infer<typeof JobRecord>;

/** What a worker needs to run a job it has claimed. */
export interface ClaimedJob {
  id: string;
  source: string;
  inputKind: JobInputKind;
  folder: string | null;
  payload: unknown;
  attempts: number;
}

// A JSON column read back is parsed, not trusted.
const ArticleErrors = z.array(JobArticleError);

interface JobRow {
  id: string;
  kind: 'reindex';
  source: string;
  state: JobState;
  input_kind: JobInputKind;
  folder: string | null;
  seen: number;
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  errors: unknown;
  message: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const progressValues = (p: JobProgress) => [p.seen, p.added, p.updated, p.unchanged, p.deleted, p.failed];

/** Queues a job and returns its id. */
export async function insertJob(
  db: Queryable,
  job: { kind: 'reindex'; source: string; inputKind: JobInputKind; folder: string | null; payload: unknown },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO jobs (kind, source, input_kind, folder, payload)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::jsonb) RETURNING id`,
    [job.kind, job.source, job.inputKind, job.folder, job.payload === undefined ? null : JSON.stringify(job.payload)],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insertJob returned no row');
  return id;
}

const JOB_COLUMNS = `id, kind, source, state, input_kind, folder, seen, added, updated, unchanged, deleted, failed,
  errors, message, attempts, created_at, started_at, heartbeat_at, finished_at`;

const toJobRecord = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind,
  source: r.source,
  state: r.state,
  input: { kind: r.input_kind, folder: r.folder },
  progress: {
    seen: r.seen,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    deleted: r.deleted,
    failed: r.failed,
  },
  errors: ArticleErrors.parse(r.errors),
  message: r.message,
  attempts: r.attempts,
  createdAt: r.created_at.toISOString(),
  startedAt: iso(r.started_at),
  heartbeatAt: iso(r.heartbeat_at),
  finishedAt: iso(r.finished_at),
});

/** One job by id (the caller checks the id is a uuid). */
export async function findJob(db: Queryable, id: string): Promise<JobRecord | undefined> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1::uuid`, [id]);
  const r = rows[0];
  return r === undefined ? undefined : toJobRecord(r);
}

/** The newest jobs first (by queue order: timestamps tie within a clock tick). */
export async function listJobs(db: Queryable, limit: number): Promise<JobRecord[]> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY seq DESC LIMIT $1::int`, [limit]);
  return rows.map(toJobRecord);
}

/**
 * Claims the oldest queued job whose source has no running job, for `workerId`. SKIP LOCKED lets
 * workers claim different jobs at once without waiting on each other. Two workers can still pick
 * two jobs of the same source in the same instant; the partial unique index on running jobs
 * rejects the second claim (23505), which then simply finds nothing this time.
 */
export async function claimNextJob(db: Queryable, workerId: string): Promise<ClaimedJob | undefined> {
  try {
    const { rows } = await db.query<{
      id: string;
      source: string;
      input_kind: JobInputKind;
      folder: string | null;
      payload: unknown;
      attempts: number;
    }>(
      `UPDATE jobs j SET state = 'running', worker_id = $1::text, attempts = j.attempts + 1,
              started_at = now(), heartbeat_at = now(), finished_at = NULL, message = NULL, errors = '[]',
              seen = 0, added = 0, updated = 0, unchanged = 0, deleted = 0, failed = 0
       WHERE j.id = (
         SELECT q.id FROM jobs q
         WHERE q.state = 'queued'
           AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.source = q.source AND r.state = 'running')
         ORDER BY q.seq
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING j.id, j.source, j.input_kind, j.folder, j.payload, j.attempts`,
      [workerId],
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    return {
      id: r.id,
      source: r.source,
      inputKind: r.input_kind,
      folder: r.folder,
      payload: r.payload,
      attempts: r.attempts,
    };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
}

/**
 * Records that `workerId` is alive and how far it got. False when the job is no longer this
 * worker's (it was presumed dead and re-queued): the worker must then stop working on it.
 */
export async function heartbeatJob(
  db: Queryable,
  { id, workerId, progress }: { id: string; workerId: string; progress: JobProgress },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE jobs SET heartbeat_at = now(), seen = $3::int, added = $4::int, updated = $5::int,
            unchanged = $6::int, deleted = $7::int, failed = $8::int
     WHERE id = $1::uuid AND worker_id = $2::text AND state = 'running'`,
    [id, workerId, ...progressValues(progress)],
  );
  return (rowCount ?? 0) > 0;
}

/** Says what a running job is doing when its counts cannot (a table's fit takes minutes and adds nothing). */
export async function noteJob(
  db: Queryable,
  { id, workerId, message }: { id: string; workerId: string; message: string },
): Promise<void> {
  await db.query(
    `UPDATE jobs SET message = $3::text WHERE id = $1::uuid AND worker_id = $2::text AND state = 'running'`,
    [id, workerId, message],
  );
}

/**
 * Ends a running job with its final counts and per-article errors. The uploaded payload is
 * dropped: a finished job no longer needs it, and exports can be large.
 */
export async function finishJob(
  db: Queryable,
  job: {
    id: string;
    workerId: string;
    state: 'succeeded' | 'failed';
    progress: JobProgress;
    errors: JobArticleError[];
    message: string | null;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE jobs SET state = $3::text, seen = $4::int, added = $5::int, updated = $6::int, unchanged = $7::int,
            deleted = $8::int, failed = $9::int, errors = $10::jsonb, message = $11::text,
            finished_at = now(), heartbeat_at = now(), payload = NULL
     WHERE id = $1::uuid AND worker_id = $2::text AND state = 'running'`,
    [job.id, job.workerId, job.state, ...progressValues(job.progress), JSON.stringify(job.errors), job.message],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Puts a job this worker was interrupted in (graceful shutdown) back in the queue. The attempt
 * is given back: stopping the process is not the job's fault.
 */
export async function releaseJob(db: Queryable, { id, workerId }: { id: string; workerId: string }): Promise<void> {
  await db.query(
    `UPDATE jobs SET state = 'queued', worker_id = NULL, attempts = greatest(attempts - 1, 0), message = NULL
     WHERE id = $1::uuid AND worker_id = $2::text AND state = 'running'`,
    [id, workerId],
  );
}

/**
 * Re-queues running jobs whose worker died: no heartbeat for `staleAfterMs` (the database's
 * clock, so workers' clocks need not agree), or every running job when `all` (the caller knows
 * no other worker exists). A job that has already used `maxAttempts` fails instead, so a job
 * that kills its process cannot crash every restart forever.
 */
export async function requeueStaleJobs(
  db: Queryable,
  { staleAfterMs, maxAttempts, all }: { staleAfterMs: number; maxAttempts: number; all: boolean },
): Promise<{ requeued: string[]; failed: string[] }> {
  const { rows } = await db.query<{ id: string; state: JobState }>(
    `UPDATE jobs SET
       state = CASE WHEN attempts >= $2::int THEN 'failed' ELSE 'queued' END,
       message = CASE WHEN attempts >= $2::int
         THEN format('abandoned after %s attempts: its worker stopped responding each time', attempts) END,
       finished_at = CASE WHEN attempts >= $2::int THEN now() END,
       payload = CASE WHEN attempts >= $2::int THEN NULL ELSE payload END,
       worker_id = NULL
     WHERE state = 'running'
       AND ($3::boolean OR heartbeat_at < now() - make_interval(secs => $1::double precision / 1000))
     RETURNING id, state`,
    [staleAfterMs, maxAttempts, all],
  );
  return {
    requeued: rows.filter((r) => r.state === 'queued').map((r) => r.id),
    failed: rows.filter((r) => r.state === 'failed').map((r) => r.id),
  };
}

/** Deletes jobs that finished more than `olderThanMs` ago; returns how many. */
export async function purgeFinishedJobs(db: Queryable, olderThanMs: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM jobs WHERE state IN ('succeeded', 'failed')
       AND finished_at < now() - make_interval(secs => $1::double precision / 1000)`,
    [olderThanMs],
  );
  return rowCount ?? 0;
}
