import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiKeyStore } from '@support/api-keys';
import type { Database } from '@support/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMention, eventEnvelope, postSigned } from '../fakes/slack-requests.js';
import { cases } from './support/budget.js';
import type { AppProcess } from './support/processes.js';
import { openChecker, openServerScratch } from './support/server-database.js';
import { adminKey, postJson, type StackEnv, startApiOn, startBotOn, startStackEnv } from './support/stack.js';

const RATE_LIMIT = 12;
const ANSWER_STARTS = new Set(['chat.startStream', 'chat.postMessage']);

describe('several processes on one PostgreSQL: two APIs and two bots', () => {
  let db: Awaited<ReturnType<typeof openServerScratch>>;
  let checker: Database;
  let env: StackEnv;
  let apis: [AppProcess, AppProcess];
  let bots: [AppProcess, AppProcess];
  let key: string;
  let folder: string;

  beforeAll(async () => {
    db = await openServerScratch();
    checker = await openChecker(db.url);
    env = await startStackEnv(db.url);
    folder = join(env.dir, 'kb');
    await mkdir(folder, { recursive: true });
    const extra = { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), REINDEX_ALLOWED_DIRS: folder };
    const first = await startApiOn(env, 'api-1', { extra });
    key = await adminKey(env, 'api-1');
    const [second, bot1, bot2] = await Promise.all([
      startApiOn(env, 'api-2', { extra }),
      startBotOn(env, 'bot-1'),
      startBotOn(env, 'bot-2'),
    ]);
    apis = [first, second];
    bots = [bot1, bot2];
  });
  afterAll(async () => {
    await Promise.all([...(apis ?? []), ...(bots ?? [])].map((p) => p?.stop()));
    await checker?.close();
    await env?.close();
    await db?.close();
  });

  // A fresh key per test: the limit is per key, and each test spends its own allowance.
  const newKey = async (scopes: ('answer' | 'search' | 'admin')[]) =>
    (await createApiKeyStore(checker.pool).create({ name: 'test', scopes, audience: 'agent' })).key;

  it('runs each queued re-index job in exactly one of the two API processes', async () => {
    const admin = await newKey(['admin']);
    const jobs = cases(6, 3);
    for (let j = 0; j < 4; j++)
      await writeFile(join(folder, `article-${j}.md`), `# Article ${j}\n\nParagraph about topic ${j} and refunds.\n`);
    const ids: string[] = [];
    for (let j = 0; j < jobs; j++) {
      // Alternate the door, and the source, so that jobs can run side by side in both workers.
      const api = apis[j % 2] ?? apis[0];
      const res = await postJson(api.url, `/v1/sources/kb-${j}/reindex`, admin, { folder });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { jobId: string }).jobId);
    }
    await waitUntil(async () => {
      const { rows } = await checker.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1::uuid[]) AND state = 'succeeded'`,
        [ids],
      );
      return rows[0]?.n === jobs;
    }, 60_000);
    const started = (p: AppProcess) =>
      p
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"job.started"'))
        .map((line) => /"jobId":"([^"]+)"/.exec(line)?.[1]);
    const runs = [...started(apis[0]), ...started(apis[1])].filter((id) => id !== undefined && ids.includes(id));
    expect(runs.sort()).toEqual([...ids].sort());
    const { rows } = await checker.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM articles WHERE source LIKE 'kb-%'`,
    );
    expect(rows[0]?.n).toBe(jobs * 4);
  });

  it('answers a Slack event delivered to both bots once', async () => {
    await putArticle(apis[0], key, 'help', 'refunds', 'Refunds reach your card within 5 to 10 business days.');
    // An answer begins as a streamed message, or a posted one where streaming is refused.
    const answers = () => env.slack.calls.filter((c) => ANSWER_STARTS.has(c.method)).length;
    const before = answers();
    const body = JSON.stringify(eventEnvelope(appMention({ text: 'How long do refunds take?' })));
    const responses = await Promise.all(bots.map((bot) => postSigned(bot.url, body)));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await env.slack.waitFor(() => answers() > before, 20_000);
    // Give a second answer time to arrive, if one were coming.
    await sleep(2_000);
    expect(answers() - before).toBe(1);
  });

  it('holds a key to its rate limit across both API processes, not to twice it', async () => {
    const searcher = await newKey(['search']);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT * 2; i++) {
      const res = await postJson((apis[i % 2] ?? apis[0]).url, '/v1/search', searcher, { query: 'refunds' });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    const allowed = statuses.filter((s) => s === 200).length;
    // A minute boundary crossed midway lets one more through (the previous minute starts sliding out).
    expect(allowed).toBeGreaterThanOrEqual(RATE_LIMIT);
    expect(allowed).toBeLessThanOrEqual(RATE_LIMIT + 1);
    expect(statuses.filter((s) => s === 429).length).toBe(RATE_LIMIT * 2 - allowed);
  });

  it('does not serve a cached answer from the other process after the article changed', async () => {
    const asker = await newKey(['answer', 'admin']);
    await putArticle(apis[0], asker, 'help', 'shipping', 'Standard shipping takes 3 to 5 business days.');
    const ask = async (api: AppProcess) => {
      const res = await postJson(api.url, '/v1/answer', asker, { question: 'How long does standard shipping take?' });
      expect(res.status).toBe(200);
      return (await res.json()) as { cached: boolean; text: string };
    };
    expect((await ask(apis[0])).cached).toBe(false);
    expect(await ask(apis[1])).toMatchObject({ cached: true, text: expect.stringContaining('3 to 5') });
    await putArticle(apis[0], asker, 'help', 'shipping', 'Standard shipping takes 7 to 9 business days.');
    const after = await ask(apis[1]);
    expect(after.cached).toBe(false);
    expect(after.text).toContain('7 to 9');
  });
});

async function putArticle(api: AppProcess, key: string, source: string, id: string, body: string): Promise<void> {
  const res = await fetch(`${api.url}/v1/articles/${source}/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: id, body }),
  });
  expect(res.status).toBeLessThan(300);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(200);
  }
}
