import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, childDatabaseEnv, startApiProcess } from './api-process.js';

// The README's start path: the API process indexes the bundled sample knowledge base and serves it.
describe('API server started with the sample knowledge base', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof childDatabaseEnv>>;
  let api: ApiProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-e2e-'));
    database = await childDatabaseEnv(dir);
    api = await startApiProcess(['--sample'], database.env);
    url = api.url;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /healthz, makes a first key, and finds the sample article for a support question', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const key = (await readFile(join(dir, 'first-api-key'), 'utf8')).trim();
    expect((await fetch(`${url}/v1/search`, { method: 'POST' })).status).toBe(401);
    const res = await fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'I forgot my password, how do I reset it?', k: 3 }),
    });
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as { hits: { articleId: string; visibility: string }[] };
    expect(hits[0]?.articleId).toBe('reset-your-password.md');
    expect(hits.every((h) => h.visibility === 'public')).toBe(true);
    const answer = await fetch(`${url}/v1/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How long is a password reset link valid?' }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { citations: { articleId: string }[] }).citations[0]?.articleId).toBe(
      'reset-your-password.md',
    );
  });
});
