import { join } from 'node:path';
import { openDatabase } from '@support/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from './support/processes.js';
import { adminKey, CITING_REPLY, postJson, type StackEnv, startApiOn, startStackEnv } from './support/stack.js';

const STREAMS = 4;

describe('fault: SIGTERM while answers are streaming', () => {
  let env: StackEnv;
  let api: AppProcess;

  beforeAll(async () => {
    env = await startStackEnv(undefined);
    api = await startApiOn(env, 'api', {
      model: true,
      sample: true,
      extra: { ANSWER_CACHE: 'off', LLM_TIMEOUT_MS: '30000' },
    });
  });
  afterAll(async () => {
    await api?.stop();
    await env?.close();
  });

  it('lets in-flight streams finish (or end with an error event), exits cleanly, and logs only whole answers', async () => {
    const key = await adminKey(env, 'api');
    // About 3 s per answer: still streaming when the signal arrives, done well within the 10 s grace.
    for (let i = 0; i < STREAMS; i++)
      env.openai.script({ kind: 'reply', text: CITING_REPLY, chunks: 10, chunkDelayMs: 300 });
    const responses = await Promise.all(
      Array.from({ length: STREAMS }, (_, i) =>
        postJson(
          api.url,
          '/v1/answer',
          key,
          { question: `How long does a refund take? (${i})` },
          { accept: 'text/event-stream' },
        ),
      ),
    );
    // Each stream has started (its first event arrived) when the signal comes.
    const readers = responses.map((res) => res.body?.getReader());
    const decoder = new TextDecoder();
    const texts = await Promise.all(readers.map(async (r) => decoder.decode((await r?.read())?.value)));
    api.signal('SIGTERM');
    const rest = await Promise.all(
      readers.map(async (r, i) => {
        let text = texts[i] ?? '';
        for (let chunk = await r?.read(); chunk && !chunk.done; chunk = await r?.read())
          text += decoder.decode(chunk.value);
        return text;
      }),
    );
    const ends = rest.map((text) => [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]).at(-1));
    const code = await api.exited;
    console.log(`SIGTERM during ${STREAMS} streams: last events ${JSON.stringify(ends)}, exit ${code}`);
    for (const end of ends) expect(['done', 'error']).toContain(end);
    expect(code).toBe(0);
    const db = await openDatabase({ dataDir: join(env.dir, 'api', 'pgdata') });
    try {
      const { rows } = await db.pool.query<{ n: number; whole: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE answer IS NOT NULL AND length(answer) > 0)::int AS whole
         FROM answers WHERE question LIKE 'How long does a refund take? (%'`,
      );
      expect(rows[0]?.whole).toBe(rows[0]?.n);
      expect(rows[0]?.n).toBe(ends.filter((e) => e === 'done').length);
    } finally {
      await db.close();
    }
  });
});
