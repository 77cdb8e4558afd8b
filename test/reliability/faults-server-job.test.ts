import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKb } from '../e2e/run-cli.js';
import { cases } from './support/budget.js';
import { indexedSources, writeBulkArticles } from './support/bulk-articles.js';
import type { AppProcess } from './support/processes.js';
import { openChecker, openServerScratch } from './support/server-database.js';
import {
  adminKey,
  baseEnv,
  postJson,
  SLOW_EMBEDDINGS,
  type StackEnv,
  slowEmbedderEnv,
  startApiOn,
  startStackEnv,
} from './support/stack.js';

const ARTICLES = cases(1200, 300);
// The least the API takes: a dead worker's job is re-queued 5 s after its last heartbeat.
const STALE_AFTER_MS = '5000';

interface JobView {
  state: string;
  progress: { added: number };
}

describe('fault: an API process SIGKILLed mid re-index on PostgreSQL; another process takes the job over', () => {
  let db: Awaited<ReturnType<typeof openServerScratch>>;
  let env: StackEnv;
  let folder: string;
  const apis: AppProcess[] = [];

  beforeAll(async () => {
    db = await openServerScratch();
    env = await startStackEnv(db.url, SLOW_EMBEDDINGS);
    folder = join(env.dir, 'bulk');
    await writeBulkArticles(folder, ARTICLES);
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await env?.close();
    await db?.close();
  });

  it('re-queues the dead worker’s job after JOB_STALE_AFTER_MS and finishes it with exact counts', async () => {
    const embedder = slowEmbedderEnv(env);
    const extra = { ...embedder, REINDEX_ALLOWED_DIRS: folder, JOB_STALE_AFTER_MS: STALE_AFTER_MS };
    const first = await startApiOn(env, 'api-1', { sample: true, extra });
    apis.push(first);
    const key = await adminKey(env, 'api-1');
    const job = async (api: AppProcess, id: string) =>
      (await (
        await fetch(`${api.url}/v1/jobs/${id}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as JobView;

    const res = await postJson(first.url, '/v1/sources/bulk/reindex', key, { folder });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    // Killed midway: the job has written some articles and is still running.
    for (let added = 0; added === 0; await sleep(100)) {
      const view = await job(first, jobId);
      expect(view.state, 'the job must still be running to be killed midway').toMatch(/^(queued|running)$/);
      added = view.progress.added;
    }
    first.signal('SIGKILL');
    await first.exited;

    // A second process on the same database sees the heartbeat go stale and runs the job again.
    const second = await startApiOn(env, 'api-2', { extra });
    apis.push(second);
    const killedAt = Date.now();
    let view = await job(second, jobId);
    while (view.state !== 'succeeded') {
      expect(['queued', 'running', 'succeeded']).toContain(view.state);
      expect(Date.now() - killedAt, 'the job should be taken over within a minute').toBeLessThan(60_000);
      await sleep(500);
      view = await job(second, jobId);
    }

    // Exactly what an uninterrupted run indexes: the same articles and hashes, the same chunks.
    const rerun = await runKb(['index', folder, '--source', 'reference'], baseEnv(env, 'cli', embedder));
    expect(rerun.code, rerun.stderr).toBe(0);
    const checker = await openChecker(db.url);
    try {
      const { bulk, reference } = await indexedSources(checker.pool);
      expect(bulk?.articles).toHaveLength(ARTICLES);
      expect(bulk).toEqual(reference);
    } finally {
      await checker.close();
    }
  });
});
