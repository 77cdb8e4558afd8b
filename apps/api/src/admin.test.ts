import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswerStore } from '@support/copilot';
import type { JobRecord, Retrieval } from '@support/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { createTestApp, type TestApp } from './test-app.js';

let adminKey = '';
const send = (app: ApiApp, method: string, path: string, body?: unknown, type = 'application/json', key = adminKey) =>
  Promise.resolve(
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
  );
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('admin API', () => {
  let retrieval: Retrieval;
  let app: ApiApp;
  let keys: TestApp['keys'];
  let close: () => Promise<void>;
  let db: TestApp['db'];
  let allowed: string;

  const waitForJob = async (jobId: string): Promise<JobRecord> => {
    for (let tries = 0; tries < 500; tries++) {
      const job = (await (await send(app, 'GET', `/v1/jobs/${jobId}`)).json()) as JobRecord;
      if (job.state === 'succeeded' || job.state === 'failed') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  const reindex = async (source: string, body: unknown, type?: string) => {
    const res = await send(app, 'POST', `/v1/sources/${source}/reindex`, body, type);
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(res.headers.get('location')).toBe(`/v1/jobs/${jobId}`);
    return waitForJob(jobId);
  };

  beforeAll(async () => {
    allowed = await mkdtemp(join(tmpdir(), 'admin-kb-'));
    ({ app, retrieval, keys, db, close } = await createTestApp({ allowedDirs: [allowed] }));
    adminKey = keys.agent;
  });
  afterAll(async () => {
    await close();
    await rm(allowed, { recursive: true, force: true });
  });

  it('needs the admin scope on every admin route', async () => {
    for (const [method, path] of [
      ['PUT', '/v1/articles/help/x'],
      ['POST', '/v1/articles/bulk'],
      ['POST', '/v1/sources/help/reindex'],
      ['GET', '/v1/jobs/00000000-0000-4000-8000-000000000000'],
      ['GET', '/v1/stats'],
    ] as const) {
      const res = await send(app, method, path, method === 'GET' ? undefined : {}, 'application/json', keys.customer);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  describe('PUT and DELETE /v1/articles/{source}/{externalId}', () => {
    const path = '/v1/articles/help/warranty';
    const body = { title: 'Warranty', body: 'Every kettle carries a two year warranty against defects.' };

    it('adds, then finds the article by search, then reports unchanged and updated', async () => {
      const added = await send(app, 'PUT', path, body);
      expect(added.status).toBe(201);
      expect(await added.json()).toEqual({ source: 'help', externalId: 'warranty', outcome: 'added' });
      const found = await retrieval.search({ query: 'kettle warranty defects', k: 1 });
      expect(found.hits[0]).toMatchObject({ articleId: 'warranty', source: 'help' });
      expect(((await (await send(app, 'PUT', path, body)).json()) as { outcome: string }).outcome).toBe('unchanged');
      const updated = await send(app, 'PUT', path, { ...body, tags: ['kettles'] });
      expect(((await updated.json()) as { outcome: string }).outcome).toBe('updated');
    });

    it('deletes it, and answers 404 for an article that is not there', async () => {
      expect((await send(app, 'DELETE', path)).status).toBe(204);
      const again = await send(app, 'DELETE', path);
      expect(again.status).toBe(404);
      expect(await errorOf(again)).toMatchObject({ code: 'not_found', message: 'no article warranty in source help' });
    });

    it('rejects an id in the body and a bad field, naming them', async () => {
      expect((await errorOf(await send(app, 'PUT', path, { ...body, externalId: 'x' }))).message).toContain(
        'externalId',
      );
      expect((await errorOf(await send(app, 'PUT', path, { ...body, url: 'nope' }))).message).toMatch(/^url: /);
    });
  });

  describe('POST /v1/articles/bulk', () => {
    const line = (id: string, extra: object = {}) =>
      JSON.stringify({ source: 'bulk', externalId: id, title: `Article ${id}`, body: `About ${id}.`, ...extra });

    it('stores a JSON array', async () => {
      const res = await send(app, 'POST', '/v1/articles/bulk', [JSON.parse(line('a')), JSON.parse(line('b'))]);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ added: 2, updated: 0, unchanged: 0, failed: [] });
    });

    it('stores NDJSON, and rejects a file with bad lines naming each line and field', async () => {
      const good = await send(
        app,
        'POST',
        '/v1/articles/bulk',
        `${line('c')}\n\n${line('a')}\n`,
        'application/x-ndjson',
      );
      expect(await good.json()).toMatchObject({ added: 1, unchanged: 1 });
      const bad = await send(
        app,
        'POST',
        '/v1/articles/bulk',
        [line('d'), line('e', { url: 'not a url' }), '{"source":', line('f')].join('\n'),
        'application/x-ndjson',
      );
      expect(bad.status).toBe(400);
      const { message } = await errorOf(bad);
      expect(message).toMatch(/^line 2: url: must be an absolute URL; line 3: invalid JSON/);
      expect((await retrieval.stats()).sources.find((s) => s.source === 'bulk')?.articles).toBe(3);
    });
  });

  describe('POST /v1/sources/{source}/reindex and GET /v1/jobs/{id}', () => {
    it('queues uploaded articles (JSON and NDJSON), and the job succeeds with its counts', async () => {
      const articles = [
        { externalId: 'one', title: 'One', body: 'First.' },
        { externalId: 'two', title: 'Two', body: 'Second.' },
        { externalId: 'bad', title: '', body: '' },
      ];
      const job = await reindex('upload', { articles });
      expect(job).toMatchObject({ state: 'succeeded', source: 'upload', input: { kind: 'articles' } });
      expect(job.progress).toEqual({ seen: 3, added: 2, updated: 0, unchanged: 0, deleted: 0, failed: 1 });
      expect(job.errors).toEqual([{ path: 'articles[2]', reason: 'missing title and body' }]);
      const ndjson = articles.slice(0, 1).map((a) => JSON.stringify(a));
      const sync = await reindex('upload', ndjson.join('\n'), 'application/x-ndjson');
      expect(sync.progress).toMatchObject({ unchanged: 1, deleted: 1 });
    });

    it('queues a Zendesk export', async () => {
      const job = await reindex('zendesk', {
        export: { articles: [{ id: 1, title: 'Returns', body: '<p>30 days</p>' }] },
      });
      expect(job.progress.added).toBe(1);
    });

    it('reads a folder inside the allow-list and refuses one outside it with 403 naming the path', async () => {
      await writeFile(join(allowed, 'faq.md'), '# FAQ\n\nOpening hours are nine to five.');
      expect((await reindex('folder', { folder: allowed })).progress.added).toBe(1);
      const outside = await send(app, 'POST', '/v1/sources/folder/reindex', { folder: '/etc' });
      expect(outside.status).toBe(403);
      expect(await errorOf(outside)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('/etc') });
      const traversal = await send(app, 'POST', '/v1/sources/folder/reindex', { folder: `${allowed}/../..` });
      expect(traversal.status).toBe(403);
    });

    it('rejects a body that is not exactly one kind of input, and 404s an unknown job', async () => {
      const both = await send(app, 'POST', '/v1/sources/x/reindex', { folder: allowed, articles: [{}] });
      expect(await errorOf(both)).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('exactly one'),
      });
      expect((await send(app, 'GET', '/v1/jobs/0b9f5a4e-8d1c-4c0e-9f1a-2b3c4d5e6f70')).status).toBe(404);
      expect((await send(app, 'GET', '/v1/jobs/not-an-id')).status).toBe(404);
    });
  });

  it('documents every admin route in /openapi.json', async () => {
    const doc = (await (await send(app, 'GET', '/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/articles/bulk',
        '/v1/articles/{source}/{externalId}',
        '/v1/jobs/{id}',
        '/v1/sources/{source}/reindex',
        '/v1/stats',
      ]),
    );
    expect(Object.keys(doc.paths['/v1/articles/{source}/{externalId}'] ?? {}).sort()).toEqual(['delete', 'put']);
  });

  it('GET /v1/stats counts articles, chunks, answers, feedback and abstentions', async () => {
    const record = {
      audience: 'agent' as const,
      question: 'q',
      answer: 'a',
      citations: [],
      grounding: [],
      degraded: false,
      model: null,
      promptVersion: 'test',
      usage: {},
      timings: {},
      redactions: {},
    };
    const cache = { cacheKey: null, citedArticles: [] };
    const answers = createAnswerStore(db.pool);
    const first = await answers.save({ ...record, abstained: false }, cache);
    await answers.save({ ...record, abstained: true }, cache);
    await answers.saveFeedback({ answerId: first.id, helpful: true, reason: null, comment: null });
    await answers.saveFeedback({ answerId: first.id, helpful: false, reason: 'wrong', comment: null });
    const stats = (await (await send(app, 'GET', '/v1/stats')).json()) as Record<string, unknown>;
    const kb = await retrieval.stats();
    expect(stats).toMatchObject({
      articles: kb.articles,
      chunks: kb.chunks,
      answers: 2,
      feedback: { helpful: 1, notHelpful: 1 },
      abstentionRate: 0.5,
      // a handful of articles is too few to calibrate hybrid search on
      fusion: null,
    });
    expect(kb.articles).toBeGreaterThan(0);
  });
});
