import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type ApiApp, createApp } from '@support/api';
import { createApiKeyStore } from '@support/api-keys';
import { createAnswerStore, createCopilot } from '@support/copilot';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createJobQueue, createRetrieval, readSource } from '@support/retrieval';
import pino from 'pino';
import type { FakeOpenAI } from '../fakes/fake-openai.js';
import { createFakeChatModel } from '../fakes/fake-openai-clients.js';

const SAMPLE_KB = fileURLToPath(new URL('../../kb/sample/', import.meta.url));

/** The real API on a test database with the sample knowledge base, answering through the fake model. */
export interface AnswerHarness {
  app: ApiApp;
  db: Database;
  /** An agent key with the answer scope. */
  key: string;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

/** Builds the harness; `fake` is the OpenAI-compatible server the copilot's ChatOpenAI talks to. */
export async function createAnswerHarness(fake: FakeOpenAI, options: { cache?: boolean } = {}): Promise<AnswerHarness> {
  const db = await openTestDatabase();
  const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
  await retrieval.index(readSource(SAMPLE_KB), { source: 'sample' });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const copilot = createCopilot({
    retrieval,
    answers: createAnswerStore(db.pool),
    chatModel: createFakeChatModel(fake, { streaming: true, streamUsage: true }),
    modelName: 'fake-model',
    // The hashing embedder's similarities run lower than USE-lite's, so its threshold is lower too.
    options: {
      cache: options.cache ?? false,
      timeoutMs: 500,
      minRelevance: 0.1,
      prices: { 'fake-model': { promptPerMillion: 1, completionPerMillion: 2 } },
    },
  });
  const keys = createApiKeyStore(db.pool);
  const { key } = await keys.create({ name: 'agent', scopes: ['answer'], audience: 'agent' });
  const jobs = createJobQueue({ pool: db.pool, retrieval });
  const answers = createAnswerStore(db.pool);
  const app = createApp({ retrieval, copilot, keys, jobs, answers, logger: pino({ level: 'info' }, sink) });
  return { app, db, key, logs, close: () => db.close() };
}

/** The [n] the prompt gave to the source with this title, so a scripted reply can cite it right. */
export function sourceNumber(prompt: string, title: string): number {
  const match = new RegExp(`<source n="(\\d+)" title="${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`).exec(prompt);
  if (!match?.[1]) throw new Error(`the prompt has no source titled ${title}`);
  return Number(match[1]);
}

/** POSTs a question to /v1/answer with the harness's key, as JSON or as a stream. */
export function ask(harness: AnswerHarness, question: string, stream = false): Promise<Response> {
  return Promise.resolve(
    harness.app.request('/v1/answer', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${harness.key}`,
        'content-type': 'application/json',
        ...(stream ? { accept: 'text/event-stream' } : {}),
      },
      body: JSON.stringify({ question }),
    }),
  );
}

/** Parses an SSE body into its events, in order. */
export function parseSse(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => ({
      event: /^event: (.+)$/m.exec(block)?.[1] ?? 'message',
      data: JSON.parse(
        block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n'),
      ) as Record<string, unknown>,
    }));
}
