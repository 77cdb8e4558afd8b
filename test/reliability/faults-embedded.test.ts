import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '@support/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKb } from '../e2e/run-cli.js';
import { cases } from './support/budget.js';
import { type IndexedSource, indexedSources, writeBulkArticles } from './support/bulk-articles.js';
import type { AppProcess } from './support/processes.js';
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

const ARTICLES = cases(1200, 500);

/** What the embedded database in `dataDir` holds, per source. */
async function snapshot(dataDir: string): Promise<Record<string, IndexedSource>> {
  const db = await openDatabase({ dataDir: join(dataDir, 'pgdata') });
  try {
    return await indexedSources(db.pool);
  } finally {
    await db.close();
  }
}

describe('fault: the embedded database, its API killed with SIGKILL while a re-index runs', () => {
  let env: StackEnv;
  let folder: string;
  let api: AppProcess | undefined;
  let embedder: Record<string, string>;

  beforeAll(async () => {
    env = await startStackEnv(undefined, SLOW_EMBEDDINGS);
    embedder = slowEmbedderEnv(env);
    folder = join(env.dir, 'bulk');
    await writeBulkArticles(folder, ARTICLES);
  });
  afterAll(async () => {
    await api?.stop();
    await env?.close();
  });

  it('keeps serving old content, reopens after the kill, finishes the job with exact counts', async () => {
    const withAllowedDir = { extra: { ...embedder, REINDEX_ALLOWED_DIRS: folder } };
    api = await startApiOn(env, 'api', { sample: true, ...withAllowedDir });
    const key = await adminKey(env, 'api');
    const res = await postJson(api.url, '/v1/sources/bulk/reindex', key, { folder });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    // Midway: the job has written some articles (its progress is saved with each heartbeat).
    for (let added = 0; added === 0; await sleep(100)) {
      const job = (await (
        await fetch(`${api.url}/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { progress: { added: number }; state: string };
      expect(job.state, 'the job must still be running to be killed midway').toMatch(/^(queued|running)$/);
      added = job.progress.added;
      // The old content keeps being served while the job runs.
      const search = await postJson(api.url, '/v1/search', key, { query: 'cancel an order' });
      expect(search.status).toBe(200);
      expect(JSON.stringify(await search.json())).toContain('cancel');
    }
    api.signal('SIGKILL');
    await api.exited;

    // The same folder reopens: the lock of the dead process is recovered, the job re-queued and finished.
    api = await startApiOn(env, 'api', withAllowedDir);
    for (let state = ''; state !== 'succeeded'; await sleep(500)) {
      const job = (await (
        await fetch(`${api.url}/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { state: string };
      state = job.state;
      expect(['queued', 'running', 'succeeded']).toContain(state);
    }
    await api.stop();
    api = undefined;

    // Exactly what one uninterrupted run indexes: the same articles, the same chunks, no duplicates.
    const after = await snapshot(join(env.dir, 'api'));
    const reference = baseEnv(env, 'reference', embedder);
    const rerun = await runKb(['index', folder, '--source', 'bulk'], reference);
    expect(rerun.code, rerun.stderr).toBe(0);
    const expected = await snapshot(join(env.dir, 'reference'));
    expect(after.bulk?.articles).toHaveLength(ARTICLES);
    expect(after.bulk).toEqual(expected.bulk);
  });

  it('backs up with pnpm kb backup and restores every article into a fresh folder; refuses to overwrite', async () => {
    const file = join(env.dir, 'kb-backup.tar.gz');
    const original = baseEnv(env, 'api', embedder);
    const backup = await runKb(['backup', file], original);
    expect(backup.code, backup.stderr).toBe(0);

    const fresh = baseEnv(env, 'restored', embedder);
    const restore = await runKb(['restore', file], fresh);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await snapshot(join(env.dir, 'restored'))).toEqual(await snapshot(join(env.dir, 'api')));

    const again = await runKb(['restore', file], fresh);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a database.*--force/);
    const forced = await runKb(['restore', file, '--force'], fresh);
    expect(forced.code, forced.stderr).toBe(0);

    const bad = join(env.dir, 'not-a-backup.tar.gz');
    await writeFile(bad, 'this is not a backup');
    const refused = await runKb(['restore', bad, '--force'], fresh);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a backup made by "pnpm kb backup"/);
    // A bad file leaves the database that was there untouched.
    expect(await snapshot(join(env.dir, 'restored'))).toEqual(await snapshot(join(env.dir, 'api')));
  });
});
