import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../embed/embedder.js';
import { createHashingEmbedder } from '../embed/hashing-embedder.js';
import { createRetrieval, type Retrieval } from '../retrieval.js';
import { createJobQueue, type JobQueue } from './job-queue.js';
import { resolveAllowedFolder } from './reindex-request.js';

const article = (id: string, body = `Body of ${id} about refunds and shipping.`) => ({
  externalId: id,
  title: id,
  body,
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('job queue', () => {
  let db: Database;
  let retrieval: Retrieval;
  let dir: string;
  const queues: JobQueue[] = [];
  const queue = (deps: Partial<Parameters<typeof createJobQueue>[0]> = {}) => {
    const q = createJobQueue({ pool: db.pool, retrieval, allowedDirs: [dir], pollIntervalMs: 20, ...deps });
    queues.push(q);
    return q;
  };
  const state = (q: JobQueue, id: string) => q.find(id).then((job) => job?.state);
  const fakeCrash = (id: string, heartbeatAgo: string, attempts = 1) =>
    db.pool.query(
      `UPDATE jobs SET state = 'running', worker_id = 'dead', attempts = $2, heartbeat_at = now() - $3::interval
       WHERE id = $1`,
      [id, attempts, heartbeatAgo],
    );

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    dir = await mkdtemp(join(tmpdir(), 'reindex-'));
  });
  beforeEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await db.pool.query('DELETE FROM jobs');
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a full sync of uploaded articles; a bad article is recorded and does not fail the job', async () => {
    const q = queue();
    const bad = { externalId: 'bad', title: 'Bad', body: 'x', url: 'not a url' };
    const { jobId } = await q.enqueueReindex('upload', { articles: [article('a'), article('b'), bad] });
    expect(await q.runNext()).toBe(jobId);
    const job = await q.find(jobId);
    expect(job).toMatchObject({ state: 'succeeded', attempts: 1, input: { kind: 'articles', folder: null } });
    expect(job?.progress).toEqual({ seen: 3, added: 2, updated: 0, unchanged: 0, deleted: 0, failed: 1 });
    expect(job?.errors).toEqual([{ path: 'articles[2]', reason: expect.stringContaining('url:') }]);
    expect(job?.startedAt && job.finishedAt).toBeTruthy();

    const again = await q.enqueueReindex('upload', { articles: [article('a')] });
    await q.runNext();
    expect((await q.find(again.jobId))?.progress).toMatchObject({ unchanged: 1, deleted: 1 });
  });

  it('reads a Zendesk export and an allowed folder', async () => {
    const q = queue();
    await writeFile(join(dir, 'one.md'), '# One\n\nThe first article.');
    const exported = { articles: [{ id: 7, title: 'Seven', body: '<p>Seven days</p>' }] };
    const fromExport = await q.enqueueReindex('zendesk', { export: exported });
    const fromFolder = await q.enqueueReindex('folder', { folder: dir });
    await q.runNext();
    await q.runNext();
    expect((await q.find(fromExport.jobId))?.progress.added).toBe(1);
    expect(await q.find(fromFolder.jobId)).toMatchObject({ state: 'succeeded', progress: { added: 1 } });
  });

  it('reports progress counts while the job runs', async () => {
    const slow: Embedder = {
      ...createHashingEmbedder(),
      embed: async (texts) => {
        await new Promise((r) => setTimeout(r, 150));
        return createHashingEmbedder().embed(texts);
      },
    };
    const slowRetrieval = createRetrieval({ pool: db.pool, embedder: slow });
    const q = queue({
      retrieval: { index: (items, options) => slowRetrieval.index(items, { ...options, batchSize: 2 }) },
      heartbeatMs: 20,
    });
    const { jobId } = await q.enqueueReindex('slow', {
      articles: ['1', '2', '3', '4', '5', '6'].map((id) => article(id)),
    });
    await q.start();
    const midway = await waitFor(
      () => q.find(jobId),
      (job) => job?.state === 'running' && job.progress.added > 0,
    );
    expect(midway?.progress.added).toBeLessThan(6);
    const done = await waitFor(
      () => q.find(jobId),
      (job) => job?.state === 'succeeded',
    );
    expect(done?.progress).toMatchObject({ seen: 6, added: 6 });
  });

  it('runs at most one re-index per source at a time, enforced by the database', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated: Pick<Retrieval, 'index'> = {
      index: async (items, options) => {
        if (options.source === 'one') await gate;
        return retrieval.index(items, options);
      },
    };
    const a = queue({ retrieval: gated, workerId: 'a' });
    const b = queue({ retrieval: gated, workerId: 'b' });
    const first = await a.enqueueReindex('one', { articles: [article('x')] });
    const second = await a.enqueueReindex('one', { articles: [article('y')] });
    const other = await a.enqueueReindex('two', { articles: [article('z')] });
    const running = a.runNext();
    await waitFor(
      () => state(a, first.jobId),
      (s) => s === 'running',
    );
    expect(await b.runNext()).toBe(other.jobId);
    expect(await b.runNext()).toBeNull();
    await expect(db.pool.query(`UPDATE jobs SET state = 'running' WHERE id = $1`, [second.jobId])).rejects.toThrow(
      /jobs_one_running_per_source_idx/,
    );
    release();
    await running;
    expect(await b.runNext()).toBe(second.jobId);
  });

  it('lets only one of two workers claiming at the same instant run a source', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated: Pick<Retrieval, 'index'> = {
      index: async (items, options) => gate.then(() => retrieval.index(items, options)),
    };
    const a = queue({ retrieval: gated, workerId: 'a' });
    const b = queue({ retrieval: gated, workerId: 'b' });
    await a.enqueueReindex('race', { articles: [article('r1')] });
    await a.enqueueReindex('race', { articles: [article('r2')] });
    const claims = [a.runNext(), b.runNext()];
    await waitFor(
      () => db.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE state <> 'queued'`),
      (r) => r.rows[0]?.n === 1,
    );
    // One claim is parked on the gate; the other found nothing it may run and already returned.
    expect(await Promise.race([...claims, new Promise((r) => setTimeout(() => r('both busy'), 500))])).toBeNull();
    release();
    expect((await Promise.all(claims)).filter((id) => id !== null)).toHaveLength(1);
  });

  it('re-queues on start a job a dead process left running, and leaves a live one alone', async () => {
    const setup = queue();
    const dead = await setup.enqueueReindex('dead', { articles: [article('d')] });
    const live = await setup.enqueueReindex('live', { articles: [article('l')] });
    await fakeCrash(dead.jobId, '10 minutes');
    await fakeCrash(live.jobId, '1 second');
    const restarted = queue({ staleAfterMs: 60_000 });
    await restarted.start();
    const job = await waitFor(
      () => restarted.find(dead.jobId),
      (j) => j?.state === 'succeeded',
    );
    expect(job).toMatchObject({ attempts: 2, progress: { added: 1 } });
    expect(await state(restarted, live.jobId)).toBe('running');

    // Embedded PGlite has one process: whatever is running at start is dead, however fresh.
    await restarted.stop();
    const exclusive = queue({ exclusive: true });
    await exclusive.start();
    await waitFor(
      () => state(exclusive, live.jobId),
      (s) => s === 'succeeded',
    );
  });

  it('fails a job whose worker died on every attempt', async () => {
    const q = queue({ maxAttempts: 3 });
    const { jobId } = await q.enqueueReindex('poison', { articles: [article('p')] });
    await fakeCrash(jobId, '10 minutes', 3);
    await q.start();
    const job = await waitFor(
      () => q.find(jobId),
      (j) => j?.state === 'failed',
    );
    expect(job?.message).toMatch(/abandoned after 3 attempts/);
  });

  it('deletes finished jobs past retention when it starts, and keeps recent, queued and running ones', async () => {
    const setup = queue();
    const old = await setup.enqueueReindex('old', { articles: [article('o')] });
    const recent = await setup.enqueueReindex('recent', { articles: [article('r')] });
    expect(await setup.runNext()).toBe(old.jobId);
    expect(await setup.runNext()).toBe(recent.jobId);
    await db.pool.query(`UPDATE jobs SET finished_at = now() - interval '31 days' WHERE id = $1`, [old.jobId]);
    const waiting = await setup.enqueueReindex('waiting', { articles: [article('w')] });
    await fakeCrash(waiting.jobId, '1 second');
    const restarted = queue({ keepFinishedMs: 30 * 86_400_000 });
    await restarted.start();
    await waitFor(
      () => restarted.find(old.jobId),
      (job) => job === undefined,
    );
    expect(await state(restarted, recent.jobId)).toBe('succeeded');
    expect(await state(restarted, waiting.jobId)).toBe('running');
  });

  it('puts a job interrupted by stop() back in the queue', async () => {
    const hanging: Pick<Retrieval, 'index'> = {
      index: (_items, options) =>
        new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason))),
    };
    const q = queue({ retrieval: hanging });
    const { jobId } = await q.enqueueReindex('stop', { articles: [article('s')] });
    await q.start();
    await waitFor(
      () => state(q, jobId),
      (s) => s === 'running',
    );
    await q.stop();
    expect(await q.find(jobId)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await queue().runNext()).toBe(jobId);
  });

  it('fails the job, with the reason, when its source cannot be read', async () => {
    const folder = join(dir, 'gone');
    await mkdir(folder);
    const q = queue();
    const { jobId } = await q.enqueueReindex('gone', { folder });
    await rm(folder, { recursive: true });
    await q.runNext();
    expect(await q.find(jobId)).toMatchObject({ state: 'failed', message: expect.stringContaining('does not exist') });
  });

  it('refuses folders outside the allow-list, after resolving .. and symlinks', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    await symlink(outside, join(dir, 'link'));
    await expect(resolveAllowedFolder(join(dir, 'sub', '..', '..'), [dir])).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(resolveAllowedFolder(join(dir, 'link'), [dir])).rejects.toThrow(
      `folder ${join(dir, 'link')} is outside`,
    );
    await expect(resolveAllowedFolder('/etc/nothing-here', [dir])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(resolveAllowedFolder(join(dir, 'missing'), [dir])).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(resolveAllowedFolder(dir, [])).rejects.toMatchObject({ code: 'forbidden' });
    expect(await resolveAllowedFolder(`${dir}/.`, [dir])).toBe(await resolveAllowedFolder(dir, [dir]));
    await expect(queue().enqueueReindex('x', { folder: outside })).rejects.toMatchObject({ code: 'forbidden' });
    await rm(outside, { recursive: true });
  });

  it('rejects a request that is not exactly one of folder, articles or export', async () => {
    const q = queue();
    await expect(q.enqueueReindex('x', {})).rejects.toThrow(/exactly one of folder, articles or export/);
    await expect(q.enqueueReindex('x', { articles: [] })).rejects.toThrow(/articles: must not be empty/);
    expect(await q.find('not-a-uuid')).toBeUndefined();
  });
});
