import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createAdminSessionStore, createApiKeyStore } from '@support/api-keys';
import { createAnswerStore, createCopilot } from '@support/copilot';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import {
  createHashingEmbedder,
  createJobQueue,
  createRetrieval,
  type Retrieval,
  toSourceItem,
} from '@support/retrieval';
import { createSlackState } from '@support/slack-state';
import pino from 'pino';
import type { ApiApp } from './api-env.js';
import { createApp } from './app.js';

/** Articles every route test indexes: two public, one internal. */
export const TEST_ARTICLES = [
  {
    externalId: 'refunds',
    title: 'Refund policy',
    body: 'Refunds reach your card within 5 to 10 business days. PayPal refunds arrive within 2 business days.',
  },
  { externalId: 'shipping', title: 'Shipping times', body: 'Standard shipping takes 3 to 5 business days.' },
  {
    externalId: 'escalation',
    title: 'Refund escalation playbook',
    body: 'Refunds over 500 dollars need a team lead.',
    visibility: 'internal',
  },
];

/** The app, its database, and one key of each kind. */
export interface TestApp {
  app: ApiApp;
  db: Database;
  retrieval: Retrieval;
  keys: { agent: string; customer: string; searchOnly: string };
  warmUp: () => Promise<void>;
  close: () => Promise<void>;
}

/** The real app on a fresh test database with the test articles; `close()` drops the database. */
export async function createTestApp(
  options: {
    chatModel?: BaseChatModel | null;
    logger?: pino.Logger;
    rateLimitPerMinute?: number;
    bodyLimitBytes?: number;
    allowedDirs?: string[];
    /** Registers the Slack bot's channel-settings routes. */
    slackChannels?: boolean;
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
  await retrieval.index(
    TEST_ARTICLES.map((a) => toSourceItem(a.externalId, a)),
    { source: 'help' },
  );
  const copilot = createCopilot({
    retrieval,
    answers: createAnswerStore(db.pool),
    chatModel: options.chatModel ?? null,
    modelName: options.chatModel ? 'fake-model' : null,
    // The hashing embedder's similarities run lower than USE-lite's, so its threshold is lower too.
    options: { timeoutMs: 2_000, minRelevance: 0.15 },
  });
  const keyStore = createApiKeyStore(db.pool);
  const create = async (input: Parameters<typeof keyStore.create>[0]) => (await keyStore.create(input)).key;
  const keys = {
    agent: await create({ name: 'agent', scopes: ['answer', 'search', 'feedback', 'admin'], audience: 'agent' }),
    customer: await create({
      name: 'widget',
      scopes: ['answer', 'search', 'feedback'],
      audience: 'customer',
      allowedOrigins: ['https://help.example.com'],
    }),
    searchOnly: await create({ name: 'search only', scopes: ['search'], audience: 'agent' }),
  };
  const jobs = createJobQueue({ pool: db.pool, retrieval, allowedDirs: options.allowedDirs ?? [], pollIntervalMs: 20 });
  await jobs.start();
  const app = createApp({
    retrieval,
    copilot,
    keys: keyStore,
    jobs,
    answers: createAnswerStore(db.pool),
    adminSessions: createAdminSessionStore(db.pool, keyStore),
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.slackChannels ? { slackChannels: createSlackState({ db: db.pool }).channels } : {}),
    options: { rateLimitPerMinute: options.rateLimitPerMinute ?? 1000, bodyLimitBytes: options.bodyLimitBytes },
  });
  return {
    app,
    db,
    retrieval,
    keys,
    warmUp: () => retrieval.warmUp(),
    close: async () => {
      await jobs.stop();
      await db.close();
    },
  };
}

/** POSTs JSON (or a raw string) to the app with a key; `headers` replaces the content type. */
export function postJson(
  app: ApiApp,
  path: string,
  body: unknown,
  key: string | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Response> {
  const auth: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { ...auth, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** GETs a path with a key. */
export function getWithKey(app: ApiApp, path: string, key: string): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${key}` } }));
}
