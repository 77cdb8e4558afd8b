import { Writable } from 'node:stream';
import { createAnswerStore, createCopilot } from '@support/copilot';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, toSourceItem } from '@support/retrieval';
import { createSlackState, type SlackState } from '@support/slack-state';
import { createSlackApp, type SlackBot } from '@support/slackbot';
import pino from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { createFakeChatModel } from '../fakes/fake-openai-clients.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { TEST_SIGNING_SECRET } from '../fakes/slack-requests.js';
import { sourceNumber } from './answer-harness.js';

/** Articles the bot answers from: two public, one internal. */
export const SLACK_TEST_ARTICLES = [
  {
    externalId: 'refunds',
    title: 'Refund policy',
    url: 'https://help.example.com/refunds',
    body: 'Refunds reach your card within 5 to 10 business days. PayPal refunds arrive within 2 business days.',
  },
  {
    externalId: 'shipping',
    title: 'Shipping times',
    url: 'https://help.example.com/shipping',
    body: 'Standard shipping takes 3 to 5 business days. Express shipping takes 1 business day.',
  },
  {
    externalId: 'escalation',
    title: 'Refund escalation playbook',
    url: null,
    body: 'Refunds over 500 dollars need approval from a team lead before they are issued.',
    visibility: 'internal',
  },
];

/** A reply the grounding check accepts: the refund sentence, citing the refund article's number. */
export const REFUND_REPLY = ({ prompt }: { prompt: string }) =>
  `Refunds reach your card within **5 to 10 business days** [${sourceNumber(prompt, 'Refund policy')}].`;

/** The real bot on 127.0.0.1 against the fake Slack and the fake model, on a fresh test database. */
export interface SlackbotHarness {
  bot: SlackBot;
  /** The events URL (HTTP mode), or null in Socket Mode. */
  url: string | null;
  db: Database;
  state: SlackState;
  logs: string[];
  close(): Promise<void>;
}

/** Builds and starts the harness; one database may back several bot copies (`shareDb`). */
export async function startSlackbot(
  slack: FakeSlack,
  openai: FakeOpenAI,
  options: {
    socketAppToken?: string;
    shareDb?: Database;
    updateIntervalMs?: number;
    cache?: boolean;
    maxConcurrentAnswers?: number;
  } = {},
): Promise<SlackbotHarness> {
  const db = options.shareDb ?? (await openTestDatabase());
  const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
  if (options.shareDb === undefined)
    await retrieval.index(
      SLACK_TEST_ARTICLES.map((a) => toSourceItem(a.externalId, a)),
      { source: 'help' },
    );
  const copilot = createCopilot({
    retrieval,
    answers: createAnswerStore(db.pool),
    chatModel: createFakeChatModel(openai, { streaming: true }),
    modelName: 'fake-model',
    // No relevance floor: an abstention here comes from the grounding policy, which the tests script.
    options: { cache: options.cache ?? false, timeoutMs: 5_000, minRelevance: 0 },
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const state = createSlackState({ db: db.pool });
  const bot = createSlackApp({
    copilot,
    state,
    logger: pino({ level: 'debug' }, sink),
    slack: {
      botToken: 'xoxb-test-token',
      signingSecret: TEST_SIGNING_SECRET,
      appToken: options.socketAppToken,
      apiUrl: slack.apiUrl,
    },
    options: {
      updateIntervalMs: options.updateIntervalMs ?? 1000,
      streamIntervalMs: 0,
      ...(options.maxConcurrentAnswers === undefined ? {} : { maxConcurrentAnswers: options.maxConcurrentAnswers }),
    },
  });
  const { url } = await bot.start({ port: 0 });
  return {
    bot,
    url,
    db,
    state,
    logs,
    close: async () => {
      await bot.stop();
      if (options.shareDb === undefined) await db.close();
    },
  };
}

/** What a suite using `useSlackbotSuite` reads once its beforeAll has run. */
export interface SlackbotSuite {
  slack: FakeSlack;
  openai: FakeOpenAI;
  harness: SlackbotHarness;
  /** The events URL. */
  url: string;
}

/**
 * Starts the fakes and the bot before the suite, forgets recorded calls after each test, and
 * stops everything after the suite.
 */
export function useSlackbotSuite(options: { defaultReply?: typeof REFUND_REPLY } = {}): SlackbotSuite {
  const suite = {} as SlackbotSuite;
  beforeAll(async () => {
    suite.slack = await startFakeSlack();
    suite.openai = await startFakeOpenAI(options.defaultReply ? { defaultReply: options.defaultReply } : {});
    suite.harness = await startSlackbot(suite.slack, suite.openai);
    suite.url = suite.harness.url ?? '';
  });
  afterEach(() => {
    suite.slack.reset();
    suite.openai.reset();
  });
  afterAll(async () => {
    await suite.harness.close();
    await suite.slack.close();
    await suite.openai.close();
  });
  return suite;
}
