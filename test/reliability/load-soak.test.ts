import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMention, eventEnvelope, postSigned } from '../fakes/slack-requests.js';
import { cases, short } from './support/budget.js';
import { readEventNames, runLoad, sampleEvery } from './support/load.js';
import { describeLatencies, type ProcessSample, sampleProcess } from './support/metrics.js';
import { type AppProcess, type LiveMemory, liveMemory } from './support/processes.js';
import { growthBetweenEnds, residentBytes } from './support/rss.js';
import { openServerScratch } from './support/server-database.js';
import {
  adminKey,
  postJson,
  SAMPLE_QUESTIONS,
  type StackEnv,
  startApiOn,
  startBotOn,
  startStackEnv,
} from './support/stack.js';

const CLIENTS = 16;
const SECONDS = cases(60, 10);
// The same load runs this long before the measured run, so the first window sees a warm service
// (JIT, pools, caches filled, V8's heap grown to its working size), not start-up.
const WARM_UP_SECONDS = cases(20, 8);
// RSS is compared between the first and the last window of the run (10 s of 60; 3 s of the short 10).
const WINDOW_MS = cases(10_000, 3_000);

describe('load and soak: 16 clients on two APIs (extractive, fake model) and a Slack bot, one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof openServerScratch>>;
  let env: StackEnv;
  let extractive: AppProcess;
  let model: AppProcess;
  let bot: AppProcess;
  let key: string;

  beforeAll(async () => {
    db = await openServerScratch();
    env = await startStackEnv(db.url);
    extractive = await startApiOn(env, 'api-extractive', { sample: true, heapProbe: true });
    key = await adminKey(env, 'api-extractive');
    [model, bot] = await Promise.all([
      startApiOn(env, 'api-model', { model: true, heapProbe: true }),
      startBotOn(env, 'bot', { heapProbe: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([extractive?.stop(), model?.stop(), bot?.stop()]);
    await env?.close();
    await db?.close();
  });

  it(`holds ${CLIENTS} clients for ${SECONDS} s with no 5xx and resident memory steady`, async () => {
    const answerIds: string[] = [];
    const question = (i: number) => {
      const base = SAMPLE_QUESTIONS[i % SAMPLE_QUESTIONS.length] ?? '';
      // Half repeat (the answer cache serves them), half are new questions.
      return i % 2 === 0 ? base : `${base} (order ${i})`;
    };
    const step = async (client: number, i: number): Promise<{ kind: string; status: number }> => {
      const n = client * 10_000 + i;
      // Every sixth request switches API, so each kind of request reaches both.
      const api = Math.floor(n / 6) % 2 === 0 ? extractive : model;
      const apiName = api === extractive ? 'extractive' : 'model';
      switch (n % 6) {
        case 0:
        case 1: {
          const res = await postJson(api.url, '/v1/answer', key, { question: question(n) });
          const body = (await res.json()) as { id?: string };
          if (res.ok && body.id) answerIds.push(body.id);
          return { kind: `answer json ${apiName}`, status: res.status };
        }
        case 2: {
          const res = await postJson(
            api.url,
            '/v1/answer',
            key,
            { question: question(n) },
            { accept: 'text/event-stream' },
          );
          const events = await readEventNames(res);
          // A stream that ends without its done event is a failure the status line cannot show.
          return { kind: `answer sse ${apiName}`, status: events.at(-1) === 'done' ? res.status : 599 };
        }
        case 3: {
          const res = await postJson(api.url, '/v1/search', key, { query: question(n) });
          await res.arrayBuffer();
          return { kind: 'search', status: res.status };
        }
        case 4: {
          const answerId = answerIds[n % Math.max(1, answerIds.length)];
          if (answerId === undefined) return { kind: 'feedback (no answer yet)', status: 200 };
          const res = await postJson(api.url, '/v1/feedback', key, { answerId, helpful: n % 3 !== 0 });
          await res.arrayBuffer();
          return { kind: 'feedback', status: res.status };
        }
        default: {
          const body = JSON.stringify(eventEnvelope(appMention({ text: question(n) })));
          const res = await postSigned(bot.url, body);
          await res.arrayBuffer();
          return { kind: 'slack event', status: res.status };
        }
      }
    };

    const processes = [extractive, model, bot];
    const slackReplies = () => env.slack.callsTo('chat.postMessage').length + env.slack.callsTo('chat.update').length;
    // The bot answers after its ack; memory is read once its replies have stopped for half a second.
    const settled = async (): Promise<LiveMemory[]> => {
      for (let seen = -1, polls = 0; slackReplies() !== seen && polls < 40; polls++) {
        seen = slackReplies();
        await sleep(500);
      }
      return Promise.all(processes.map(liveMemory));
    };
    // Warm-up requests get their own numbers, so the measured run asks new questions too.
    await runLoad(CLIENTS, WARM_UP_SECONDS, (client, i) => step(client, 5_000 + i));
    const before = await settled();
    const stop = new AbortController();
    const memory = Promise.all(
      [extractive, model, bot].map((p) =>
        sampleEvery(500, stop.signal, async () => ({ at: Date.now(), bytes: await residentBytes(p.pid) })),
      ),
    );
    const loops = Promise.all(
      [extractive, model].map((p) => sampleEvery(2_000, stop.signal, () => sampleProcess(p.url))),
    );
    const result = await runLoad(CLIENTS, SECONDS, step);
    stop.abort();
    const [rss, health] = [await memory, await loops];
    const after = await settled();
    const live = (m: LiveMemory) => m.heapUsed + m.external;
    const grew = (of: (m: LiveMemory) => number) =>
      processes.map((_, i) => of(after[i] as LiveMemory) / of(before[i] as LiveMemory) - 1);
    const liveGrowth = grew(live);
    const collectedRssGrowth = grew((m) => m.rss);

    const byKind = new Map<string, number[]>();
    for (const o of result.outcomes) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o.ms]);
    const lines = [...byKind].map(([kind, ms]) => `  ${kind.padEnd(24)} ${describeLatencies(ms)}`);
    const growth = rss.map((samples) => growthBetweenEnds(samples, WINDOW_MS));
    const percent = (g: number | undefined) => `${(g ?? 0) >= 0 ? '+' : ''}${((g ?? 0) * 100).toFixed(1)}%`;
    const mb = (m: LiveMemory | undefined) => `${((m ? live(m) : 0) / 1e6).toFixed(1)} MB`;
    const loopP99 = (samples: ProcessSample[]) => Math.max(...samples.map((s) => s.eventLoopP99Ms));
    const statuses = new Map<number, number>();
    for (const o of result.outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    console.log(
      [
        `load: ${CLIENTS} clients, ${SECONDS} s, ${result.outcomes.length} requests (${(result.outcomes.length / SECONDS).toFixed(1)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        `  all                      ${describeLatencies(result.outcomes.map((o) => o.ms))}`,
        ...lines,
        `  RSS growth first→last ${WINDOW_MS / 1000} s (after ${WARM_UP_SECONDS} s warm-up), of the windows' means: extractive API ${percent(growth[0]?.mean)}, model API ${percent(growth[1]?.mean)}, bot ${percent(growth[2]?.mean)}`,
        `  RSS growth first→last ${WINDOW_MS / 1000} s, of the windows' lowest points: extractive API ${percent(growth[0]?.low)}, model API ${percent(growth[1]?.low)}, bot ${percent(growth[2]?.low)}`,
        `  RSS after GC, start→end of the run: extractive API ${percent(collectedRssGrowth[0])}, model API ${percent(collectedRssGrowth[1])}, bot ${percent(collectedRssGrowth[2])}`,
        `  live heap after GC, start→end of the run: extractive API ${mb(before[0])}→${mb(after[0])} (${percent(liveGrowth[0])}), model API ${mb(before[1])}→${mb(after[1])} (${percent(liveGrowth[1])}), bot ${mb(before[2])}→${mb(after[2])} (${percent(liveGrowth[2])})`,
        `  event-loop delay p99 (worst 2 s scrape): extractive ${loopP99(health[0] ?? []).toFixed(0)} ms, model ${loopP99(health[1] ?? []).toFixed(0)} ms`,
        `  failures (threw): ${result.failures.length} ${result.failures
          .slice(0, 3)
          .map((f) => f.message)
          .join('; ')}`,
      ].join('\n'),
    );

    expect(result.failures).toEqual([]);
    expect(result.outcomes.filter((o) => o.status >= 500)).toEqual([]);
    expect(result.outcomes.filter((o) => o.status >= 400).map((o) => `${o.kind} ${o.status}`)).toEqual([]);
    // Memory a process still holds after a full collection is what a leak would grow; resident
    // memory is held to the bound at the same point, right after a collection at each end. Between
    // collections it saws by a third as V8 grows its heap, so the windowed figure is only printed.
    for (const g of liveGrowth) expect(g).toBeLessThan(0.1);
    // Ten seconds is too short for the resident set to reach its plateau even after a collection
    // (a CI run: bot +13.5 % resident with its live heap +1.6 %), so the short run bounds the live
    // heap only; the 60 s soak the bound is written for holds resident memory too.
    if (!short) for (const g of collectedRssGrowth) expect(g).toBeLessThan(0.1);
    // The bot answered the mentions it acknowledged (through the fake Slack).
    expect(slackReplies()).toBeGreaterThan(0);
  });
});
