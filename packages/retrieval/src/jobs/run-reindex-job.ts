import type { Pool } from '@support/db';
import { z } from 'zod';
import { fitStaticTableInWorker } from '../embed/fit-in-worker.js';
import type { StaticTable } from '../embed/static-table.js';
import { collectTrainingTextsOf } from '../embed/training-texts.js';
import { indexWithFittedTable } from '../fitted-table-model.js';
import { type SourceItem, toSourceItem } from '../ingest/article-input.js';
import type { IndexOptions, IndexSummary } from '../ingest/index-articles.js';
import { readSource } from '../ingest/read-source.js';
import { zendeskExportToItems } from '../ingest/read-zendesk.js';
import { fitThreshold, type LargeSourceFit } from '../large-source-fit.js';
import { findActiveModel } from '../queries/embeddings.js';
import { type ClaimedJob, finishJob, heartbeatJob, type JobProgress, noteJob, releaseJob } from '../queries/jobs.js';
import type { Retrieval } from '../retrieval.js';
import { resolveAllowedFolder } from './reindex-request.js';

/** Where the queue reports what it did; a pino logger fits. */
export interface JobLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What running a claimed job needs from the queue. */
export interface JobRunner {
  pool: Pool;
  retrieval: Pick<Retrieval, 'index'>;
  workerId: string;
  allowedDirs: readonly string[];
  largeSources?: LargeSourceFit;
  heartbeatMs: number;
  log: JobLogger;
  /** True once the worker is stopping: an interrupted job then goes back to the queue. */
  isStopping(): boolean;
}

// Enough to act on; the count in progress.failed stays exact beyond it.
const MAX_STORED_ERRORS = 1000;
const StoredArticles = z.array(z.unknown());

/**
 * Runs one claimed re-index job to its end: a full sync of its source from its input, with
 * heartbeats carrying the progress counts. Aborting `controller` interrupts it.
 */
export async function runReindexJob(runner: JobRunner, job: ClaimedJob, controller: AbortController): Promise<void> {
  const progress: JobProgress = { seen: 0, added: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 };
  const stopBeating = heartbeat(runner, job.id, progress, controller);
  runner.log.info({ jobId: job.id, source: job.source, attempt: job.attempts }, 'job.started');
  try {
    const { summary, moved } = await indexSource(runner, job, progress, controller.signal);
    await finishJob(runner.pool, succeeded(job.id, runner.workerId, progress, summary, moved));
    runner.log.info({ jobId: job.id, ...finalCounts(progress, summary) }, 'job.succeeded');
  } catch (error) {
    await onJobError(runner, job, progress, controller, error);
  } finally {
    stopBeating();
  }
}

// A full sync of the job's source: with a table fitted to it when it is large, which moves the
// whole knowledge base to that table (`moved` says so in the job's message), else as configured.
async function indexSource(
  runner: JobRunner,
  job: ClaimedJob,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<{ summary: IndexSummary; moved?: string }> {
  const options: IndexOptions = {
    source: job.source,
    fullSync: true,
    signal,
    onProgress: (p) => Object.assign(progress, pick(p, ['added', 'updated', 'unchanged', 'failed'])),
  };
  const fit = runner.largeSources;
  const table = fit === undefined ? undefined : await fitIfLarge(runner, fit, job, signal);
  const items = counted(itemsOf(runner, job), progress);
  if (fit === undefined || table === undefined) return { summary: await runner.retrieval.index(items, options) };
  const { summary } = await indexWithFittedTable(runner.pool, table, items, { ...options, questions: fit.questions });
  return {
    summary,
    moved: `searches now read ${table.model}, a static table fitted to this source; the other sources were embedded with it`,
  };
}

// A large source on a knowledge base still on USE-lite gets a table fitted to it, as `kb index`
// does; the fit runs in a worker thread, so the heartbeats (and the API) carry on meanwhile.
async function fitIfLarge(
  runner: JobRunner,
  fit: LargeSourceFit,
  job: ClaimedJob,
  signal: AbortSignal,
): Promise<StaticTable | undefined> {
  const threshold = fitThreshold(fit, (await findActiveModel(runner.pool))?.name);
  if (threshold === undefined) return undefined;
  let characters = 0;
  for await (const item of itemsOf(runner, job))
    if (item.kind === 'article') characters += item.article.title.length + item.article.body.length;
  if (characters < threshold) return undefined;
  const started = performance.now();
  runner.log.info({ jobId: job.id, source: job.source, characters }, 'job.fitting');
  await noteJob(runner.pool, {
    id: job.id,
    workerId: runner.workerId,
    message: `fitting a static table to ${(characters / 1e6).toFixed(1)} M characters of articles (minutes; then hundreds of chunks a second)`,
  });
  const texts = await collectTrainingTextsOf(itemsOf(runner, job), fit.texts);
  const table = await fitStaticTableInWorker(texts, { what: `source ${job.source}`, signal });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  runner.log.info({ jobId: job.id, model: table.model, texts: texts.length, seconds }, 'job.fitted');
  await noteJob(runner.pool, {
    id: job.id,
    workerId: runner.workerId,
    message: `fitted ${table.model} in ${seconds} s; indexing the source with it`,
  });
  return table;
}

async function onJobError(
  runner: JobRunner,
  job: ClaimedJob,
  progress: JobProgress,
  controller: AbortController,
  error: unknown,
): Promise<void> {
  const { pool, workerId, log } = runner;
  if (controller.signal.aborted) {
    // Interrupted by stop(): back to the queue. Taken over by another worker: not ours to touch.
    if (runner.isStopping()) await releaseJob(pool, { id: job.id, workerId });
    log.info({ jobId: job.id, reason: String(controller.signal.reason) }, 'job.interrupted');
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  await finishJob(pool, { id: job.id, workerId, state: 'failed', progress, errors: [], message });
  log.error({ jobId: job.id, err: error }, 'job.failed');
}

// Chained timeouts, not setInterval: a slow heartbeat (the pool busy with a batch) never overlaps the next.
function heartbeat(runner: JobRunner, id: string, progress: JobProgress, controller: AbortController): () => void {
  let beat: NodeJS.Timeout | undefined;
  let done = false;
  const next = () => {
    beat = setTimeout(async () => {
      const ours = await heartbeatJob(runner.pool, { id, workerId: runner.workerId, progress: { ...progress } }).catch(
        () => true,
      );
      if (!ours) controller.abort(new Error('another worker took the job over'));
      else if (!done) next();
    }, runner.heartbeatMs);
  };
  next();
  return () => {
    done = true;
    clearTimeout(beat);
  };
}

async function* itemsOf(runner: JobRunner, job: ClaimedJob): AsyncGenerator<SourceItem> {
  if (job.inputKind === 'folder') {
    // Checked again here: the allow-list may have changed since the job was queued.
    yield* readSource(await resolveAllowedFolder(job.folder ?? '', runner.allowedDirs));
  } else if (job.inputKind === 'articles') {
    const records = StoredArticles.parse(job.payload);
    for (const [i, record] of records.entries()) yield toSourceItem(`articles[${i}]`, record);
  } else {
    yield* zendeskExportToItems('export', job.payload);
  }
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

function succeeded(id: string, workerId: string, progress: JobProgress, summary: IndexSummary, moved?: string) {
  const notes: string[] = moved === undefined ? [] : [moved];
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
