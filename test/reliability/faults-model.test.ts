import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStep } from '../fakes/fake-openai.js';
import { cases } from './support/budget.js';
import { readEventNames } from './support/load.js';
import { sampleProcess } from './support/metrics.js';
import type { AppProcess } from './support/processes.js';
import { adminKey, postJson, type StackEnv, startApiOn, startStackEnv } from './support/stack.js';

const ROUNDS = cases(4, 1);

// Each fault is scripted twice: the copilot retries once before the first token.
const FAULTS: Record<string, ChatStep> = {
  'a timeout (no response)': { kind: 'hang' },
  'a 500': { kind: 'error', status: 500 },
  'a 429': { kind: 'error', status: 429, message: 'Rate limit reached' },
  'malformed JSON': { kind: 'malformed' },
  'a stream cut midway': { kind: 'cut', text: 'Refunds take five days [1]. And then some more words here.' },
  'a stream that stalls midway': { kind: 'cut', text: 'Refunds take five days [1]. More.', ending: 'stall' },
  'a very slow stream': { kind: 'reply', text: 'Refunds take five days [1].', chunks: 8, chunkDelayMs: 600 },
};

describe('fault: the model server fails in every way we know', () => {
  let env: StackEnv;
  let api: AppProcess;
  let key: string;

  beforeAll(async () => {
    // The model's faults are the subject: the embedded database keeps this scenario self-contained.
    env = await startStackEnv(undefined);
    api = await startApiOn(env, 'api', { model: true, sample: true, extra: { ANSWER_CACHE: 'off' } });
    key = await adminKey(env, 'api');
  });
  afterAll(async () => {
    await api?.stop();
    await env?.close();
  });

  it('answers extractively (degraded) with no 5xx, and holds no more open handles afterwards', async () => {
    // One good round first, so the handles counted include the model client's pool.
    env.openai.script({ kind: 'reply', text: 'Refunds take five days [1].' });
    await (await postJson(api.url, '/v1/answer', key, { question: 'How long does a refund take?' })).arrayBuffer();
    await sleep(500);
    const before = await sampleProcess(api.url);
    const seen: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, fault] of Object.entries(FAULTS)) {
        for (const stream of [false, true]) {
          env.openai.script(fault, fault);
          const res = await postJson(
            api.url,
            '/v1/answer',
            key,
            { question: `How long does a refund take? (${name}, ${round})` },
            stream ? { accept: 'text/event-stream' } : {},
          );
          expect(res.status, `${name}, ${stream ? 'SSE' : 'JSON'}`).toBe(200);
          if (stream) {
            const events = await readEventNames(res);
            expect(events.at(-1), `${name}: the stream ends with its answer`).toBe('done');
          } else {
            const answer = (await res.json()) as { degraded: boolean; text: string };
            expect(answer.degraded, name).toBe(true);
            expect(answer.text.length, name).toBeGreaterThan(0);
          }
          seen.push(`${name}${stream ? ' (SSE)' : ''}`);
          env.openai.reset();
        }
      }
    }
    // Sockets to the model close once each request is over; give them a moment.
    await sleep(1_500);
    const after = await sampleProcess(api.url);
    console.log(
      `model faults: ${seen.length} requests (${Object.keys(FAULTS).length} faults × JSON and SSE × ${ROUNDS} rounds); open handles ${before.handles} → ${after.handles}`,
    );
    // Steady: a leak would grow with every failed call; a few keep-alive sockets may come and go.
    expect(after.handles).toBeLessThanOrEqual(before.handles + 3);
  });
});
