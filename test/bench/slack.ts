import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ChatOpenAI } from '@langchain/openai';
import { createAnswerStore, createCopilot } from '@support/copilot';
import { openScratchDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, readSource } from '@support/retrieval';
import { createSlackState } from '@support/slack-state';
import { createSlackApp } from '@support/slackbot';
import pino from 'pino';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { appMention, eventEnvelope, postSigned, TEST_SIGNING_SECRET } from '../fakes/slack-requests.js';

const SAMPLE_KB = fileURLToPath(new URL('../../kb/sample/', import.meta.url));
const QUESTIONS = [
  'how long do refunds take?',
  'can I change the shipping address after ordering?',
  'how do I reset my password?',
  'what payment methods do you accept?',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/**
 * `pnpm bench slack`: the real bot over HTTP at a steady event rate, against the fake Slack and a
 * fake model whose first token comes after 300 ms. Prints the ack latency and the time from the
 * event to the first streamed text (chat.startStream carrying text). Embedded PGlite unless
 * DATABASE_URL is set.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      rate: { type: 'string', default: '8' },
      duration: { type: 'string', default: '15' },
      'first-token': { type: 'string', default: '300' },
      json: { type: 'boolean', default: false },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.duration);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const db = await openScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined });
  const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
  await retrieval.index(readSource(SAMPLE_KB), { source: 'sample' });
  await retrieval.warmUp();
  const openai = await startFakeOpenAI({
    defaultFirstTokenDelayMs: Number(values['first-token']),
    defaultReply: ({ prompt }) => `Here is what the article says [${/<source n="(\d+)"/.exec(prompt)?.[1] ?? 1}].`,
  });
  const slack = await startFakeSlack();
  const copilot = createCopilot({
    retrieval,
    answers: createAnswerStore(db.pool),
    chatModel: new ChatOpenAI({
      model: 'fake-model',
      apiKey: 'test',
      maxRetries: 0,
      streaming: true,
      configuration: { baseURL: openai.url },
    }),
    modelName: 'fake-model',
    options: { cache: false, minRelevance: 0 },
  });
  const bot = createSlackApp({
    copilot,
    state: createSlackState({ db: db.pool }),
    logger: pino({ level: 'silent' }),
    slack: { botToken: 'xoxb-bench', signingSecret: TEST_SIGNING_SECRET, apiUrl: slack.apiUrl },
  });
  const { url } = await bot.start({ port: 0 });
  log(`bot on ${url}; ${rate} events/s for ${seconds} s, model first token ${values['first-token']} ms (${db.kind})`);

  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  let failures = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const deliveries: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const channel = `CBENCH${i}`;
    const body = JSON.stringify(eventEnvelope(appMention({ text: QUESTIONS[i % QUESTIONS.length] ?? '', channel })));
    const sent = performance.now();
    sentAt.set(channel, Date.now());
    deliveries.push(
      postSigned(url ?? '', body).then((res) => {
        acks.push(performance.now() - sent);
        if (res.status !== 200) failures++;
      }),
    );
  }
  await Promise.all(deliveries);
  const streamed = (channel: string) =>
    slack.calls.find((c) => c.method === 'chat.startStream' && c.args.channel === channel);
  await slack
    .waitFor(() => [...sentAt.keys()].every((channel) => streamed(channel) !== undefined), 120_000)
    .catch(() => log('some events got no streamed text within 120 s'));
  const firstText = [...sentAt].flatMap(([channel, at]) => {
    const call = streamed(channel);
    return call ? [call.at - at] : [];
  });
  const result = {
    events: total,
    rate,
    ackP50Ms: Math.round(percentile(acks, 50)),
    ackP95Ms: Math.round(percentile(acks, 95)),
    firstTextP50Ms: Math.round(percentile(firstText, 50)),
    firstTextP95Ms: Math.round(percentile(firstText, 95)),
    streamed: firstText.length,
    non200: failures,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stdout.write(
      `events ${result.events} at ${rate}/s: ack p50 ${result.ackP50Ms} ms, p95 ${result.ackP95Ms} ms; ` +
        `event -> first streamed text p50 ${result.firstTextP50Ms} ms, p95 ${result.firstTextP95Ms} ms ` +
        `(${result.streamed} streamed, ${result.non200} non-200)\n`,
    );
  await bot.stop();
  await slack.close();
  await openai.close();
  await db.close();
  return 0;
}
