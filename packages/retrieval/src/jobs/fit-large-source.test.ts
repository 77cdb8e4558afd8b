import { fileURLToPath } from 'node:url';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedderEnv } from '../embed/embedder-env.js';
import { activeModelFollower, resolveEmbedder } from '../fitted-table-model.js';
import { largeSourceFit } from '../large-source-fit.js';
import { findActiveModel } from '../queries/embeddings.js';
import { createRetrieval, type Retrieval } from '../retrieval.js';
import { createJobQueue, type JobQueue } from './job-queue.js';

const SAMPLE = fileURLToPath(new URL('../../../../kb/sample', import.meta.url));
const env = EmbedderEnv.parse({});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 200_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A re-index job in a serving process on the default embedder (the API's), with the real fit: the
// sample knowledge base counts as large here (a threshold of 10,000 characters, 300 training texts).
describe('a re-index job of a large source', () => {
  let db: Database;
  let serving: Retrieval;
  const queues: JobQueue[] = [];
  const logged: { message: string; fields: Record<string, unknown> }[] = [];
  const queue = () => {
    const q = createJobQueue({
      pool: db.pool,
      retrieval: serving,
      allowedDirs: [SAMPLE],
      largeSources: largeSourceFit(env, { minCharacters: 10_000, texts: 300 }),
      pollIntervalMs: 20,
      logger: {
        info: (fields, message) => logged.push({ message, fields: fields as Record<string, unknown> }),
        error: (fields, message) => logged.push({ message, fields: fields as Record<string, unknown> }),
      },
    });
    queues.push(q);
    return q;
  };
  const activeModel = async () => (await findActiveModel(db.pool))?.name;

  beforeAll(async () => {
    db = await openTestDatabase();
    serving = createRetrieval({
      pool: db.pool,
      embedder: await resolveEmbedder(env, db.pool),
      followActiveModel: activeModelFollower(env, db.pool),
    });
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await db.close();
  });

  it('puts the job back, and the knowledge base on its model, when stopped during the fit', async () => {
    const q = queue();
    const { jobId } = await q.enqueueReindex('sample', { folder: SAMPLE });
    await q.start();
    // What an admin polling the job sees while the counts stand still.
    const fitting = await waitFor(
      () => q.find(jobId),
      (job) => job?.message !== null && job?.message !== undefined,
    );
    expect(fitting).toMatchObject({ state: 'running', progress: { seen: 0 } });
    expect(fitting?.message).toMatch(/^fitting a static table to 0\.\d M characters of articles/);
    await q.stop();
    expect(await q.find(jobId)).toMatchObject({ state: 'queued', attempts: 0, message: null });
    expect(logged.map((l) => l.message)).not.toContain('job.fitted');
    expect(await activeModel()).toBeUndefined();
  }, 120_000);

  it('fits a table to the source off the event loop, indexes with it and moves the serving process to it', async () => {
    logged.length = 0;
    const q = queue();
    // The job the stopped run left in the queue.
    const jobId = await q.runNext();
    expect(jobId).not.toBeNull();
    const job = await q.find(jobId ?? '');
    expect(job).toMatchObject({ state: 'succeeded', progress: { added: 18, failed: 0 } });
    const model = await activeModel();
    expect(model).toMatch(/^static:use-lite-fit-256-[0-9a-f]{8}$/);
    expect(job?.message).toBe(
      `searches now read ${model}, a static table fitted to this source; the other sources were embedded with it`,
    );
    expect(logged.find((l) => l.message === 'job.fitted')?.fields).toMatchObject({ model, texts: 300 });

    // The serving process follows with its next search: vector search is on, with the table, and a
    // paraphrase with no shared keyword finds the refund article.
    const { hits, warnings } = await serving.search({ query: 'my money has not come back yet', mode: 'vector' });
    expect(warnings).toEqual([]);
    expect(serving.embedder.model).toBe(model);
    expect(
      hits
        .slice(0, 3)
        .map((h) => h.articleId)
        .join(' '),
    ).toMatch(/refund/);

    // Once on a table, a later large source is embedded with it, not fitted again.
    logged.length = 0;
    const again = await q.enqueueReindex('sample-again', { folder: SAMPLE });
    expect(await q.runNext()).toBe(again.jobId);
    expect((await q.find(again.jobId))?.state).toBe('succeeded');
    expect(logged.map((l) => l.message)).not.toContain('job.fitting');
    expect(await activeModel()).toBe(model);
  }, 240_000);
});
