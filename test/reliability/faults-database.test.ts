import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, migrate, openDatabase } from '@support/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from './support/budget.js';
import { runLoad } from './support/load.js';
import { describeLatencies } from './support/metrics.js';
import { type PostgresCluster, startPostgresCluster } from './support/postgres-cluster.js';
import type { AppProcess } from './support/processes.js';
import { adminKey, postJson, type StackEnv, startApiOn, startStackEnv } from './support/stack.js';

const OUTAGE_MS = cases(8_000, 4_000);
// The service must be back this long after the database is.
const RECOVERY_MS = 5_000;

describe('fault: PostgreSQL stopped and started again under load', () => {
  let cluster: PostgresCluster;
  let db: Database;
  let env: StackEnv;
  let api: AppProcess;
  let key: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const admin = await openDatabase({ url: cluster.url }, { poolSize: 1 });
    await admin.pool.query('CREATE DATABASE copilot');
    await admin.close();
    const url = cluster.url.replace(/\/postgres$/, '/copilot');
    db = await openDatabase({ url }, { poolSize: 2 });
    await migrate(db.pool);
    env = await startStackEnv(url);
    api = await startApiOn(env, 'api', { sample: true });
    key = await adminKey(env, 'api');
  });
  afterAll(async () => {
    await api?.stop();
    await db?.close();
    await env?.close();
    await cluster?.destroy();
  });

  it('answers 503 with Retry-After while it is down, recovers by itself, and keeps every acknowledged feedback', async () => {
    const answerIds: string[] = [];
    for (const question of ['How do I cancel an order?', 'How long does a refund take?']) {
      const res = await postJson(api.url, '/v1/answer', key, { question });
      answerIds.push(((await res.json()) as { id: string }).id);
    }
    const acknowledged: string[] = [];
    const seen: { at: number; status: number; retryAfter: string | null; kind: string; ms: number }[] = [];
    let downAt = Number.POSITIVE_INFINITY;
    let startingAt = Number.POSITIVE_INFINITY;
    let upAt = Number.POSITIVE_INFINITY;
    const step = async (client: number, i: number) => {
      const started = Date.now();
      const comment = `note-${client}-${i}`;
      const kind = i % 3 === 2 ? 'search' : 'feedback';
      const res =
        kind === 'search'
          ? await postJson(api.url, '/v1/search', key, { query: 'refund' })
          : await postJson(api.url, '/v1/feedback', key, { answerId: answerIds[i % 2], helpful: true, comment });
      await res.arrayBuffer();
      if (kind === 'feedback' && res.status === 201) acknowledged.push(comment);
      seen.push({
        at: started,
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        kind,
        ms: Date.now() - started,
      });
      if (res.status === 503) await sleep(200);
      return { kind, status: res.status };
    };
    const outage = (async () => {
      await sleep(2_000);
      await cluster.stop('fast');
      downAt = Date.now();
      await sleep(OUTAGE_MS);
      startingAt = Date.now();
      await cluster.start();
      upAt = Date.now();
    })();
    const load = await runLoad(8, () => Date.now() < upAt + RECOVERY_MS + 3_000, step);
    await outage;

    // Sent once the server had stopped and before it was asked to start.
    const during = seen.filter((s) => s.at > downAt && s.at + s.ms < startingAt);
    const recovered = seen.filter((s) => s.status < 300 && s.at > upAt);
    const firstBack = Math.min(...recovered.map((s) => s.at)) - upAt;
    console.log(
      [
        `database outage: ${OUTAGE_MS / 1000} s, ${seen.length} requests, ${acknowledged.length} feedback acknowledged`,
        `  during the outage: ${during.length} requests, statuses ${JSON.stringify(countBy(during.map((s) => s.status)))}, ${describeLatencies(during.map((s) => s.ms))}`,
        `  first success ${firstBack} ms after the database was back`,
      ].join('\n'),
    );
    // No request hung (each had 30 s) or lost its connection: every one got an answer.
    expect(load.failures).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    for (const s of during) {
      expect(s.status).toBe(503);
      expect(Number(s.retryAfter)).toBeGreaterThan(0);
    }
    expect(seen.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    // Recovered by itself: whatever was sent from RECOVERY_MS after the restart on succeeded.
    const late = seen.filter((s) => s.at > upAt + RECOVERY_MS);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((s) => s.status >= 300)).toEqual([]);
    const { rows } = await db.pool.query<{ comment: string }>('SELECT comment FROM feedback');
    const stored = new Set(rows.map((r) => r.comment));
    expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
  });
});

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
