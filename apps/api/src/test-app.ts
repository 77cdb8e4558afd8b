import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createCopilot } from '@support/copilot';
import {
  createAnswerStore,
  createHashingEmbedder,
  createRetrieval,
  type Database,
  openTestDatabase,
  toSourceItem,
} from '@support/retrieval';
import pino from 'pino';
import { type ApiApp, createApp } from './app.js';

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

/** The real app on a fresh test database with the test articles; `close()` drops the database. */
export async function createTestApp(
  options: { chatModel?: BaseChatModel | null; logger?: pino.Logger } = {},
): Promise<{ app: ApiApp; db: Database; close: () => Promise<void> }> {
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
  const app = createApp({ retrieval, copilot, logger: options.logger ?? pino({ level: 'silent' }) });
  return { app, db, close: () => db.close() };
}

/** POSTs JSON (or a raw string) to the app. */
export function postJson(
  app: ApiApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Response> {
  return Promise.resolve(
    app.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  );
}
