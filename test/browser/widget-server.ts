import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '@support/api';
import { createApiKeyStore } from '@support/api-keys';
import { createAnswerStore, createCopilot } from '@support/copilot';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createJobQueue, createRetrieval, readSource, toSourceItem } from '@support/retrieval';
import { buildWidget } from '@support/widget';
import pino from 'pino';
import type { FakeOpenAI } from '../fakes/fake-openai.js';
import { createFakeChatModel } from '../fakes/fake-openai-clients.js';

const SAMPLE_KB = fileURLToPath(new URL('../../kb/sample/', import.meta.url));

/** An article whose title and body try to run script three ways; the widget must show it as text. */
export const HOSTILE_ARTICLE = {
  externalId: 'warranty',
  title:
    'Gadget warranty <script>window.__xss = "title script"</script><img src=x onerror="window.__xss = \'title img\'">',
  url: 'https://help.example.com/warranty',
  body:
    'The gadget warranty lasts 24 months from delivery. <script>window.__xss = "body script"</script> ' +
    'Claims need the order number <img src=x onerror="window.__xss = \'body img\'">. ' +
    "Read the [warranty terms](javascript:window.__xss='body link') before you claim.",
};

/** The real API over real HTTP on 127.0.0.1 with the sample KB, the widget and a customer key for its own origin. */
export interface WidgetServer {
  /** The API's origin, e.g. http://127.0.0.1:41234 */
  url: string;
  db: Database;
  /** Customer key allowed from `url` only. */
  customerKey: string;
  close(): Promise<void>;
}

/** Starts the API (answers through the fake model) with the demo page at / using the customer key. */
export async function startWidgetServer(fake: FakeOpenAI): Promise<WidgetServer> {
  const db = await openTestDatabase();
  const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
  await retrieval.index(readSource(SAMPLE_KB), { source: 'sample' });
  await retrieval.index([toSourceItem(HOSTILE_ARTICLE.externalId, HOSTILE_ARTICLE)], { source: 'help' });
  const answers = createAnswerStore(db.pool);
  const copilot = createCopilot({
    retrieval,
    answers,
    chatModel: createFakeChatModel(fake, { streaming: true }),
    modelName: 'fake-model',
    // The hashing embedder's similarities run lower than USE-lite's, so its threshold is lower too.
    options: { cache: false, timeoutMs: 10_000, minRelevance: 0.1 },
  });
  const keys = createApiKeyStore(db.pool);
  const jobs = createJobQueue({ pool: db.pool, retrieval });
  let customerKey = '';
  const app = createApp({
    retrieval,
    copilot,
    keys,
    jobs,
    answers,
    logger: pino({ level: 'silent' }),
    widget: { bundle: await buildWidget(), demoKey: () => customerKey },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  customerKey = (
    await keys.create({ name: 'widget', scopes: ['answer', 'feedback'], audience: 'customer', allowedOrigins: [url] })
  ).key;
  return {
    url,
    db,
    customerKey,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

/** Another site (another origin) that embeds the widget with the given script tag attributes. */
export async function startOtherSite(
  scriptSrc: string,
  apiKey: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><title>Another site</title></head><body><h1>Another site</h1>
<script src="${scriptSrc}" data-api-key="${apiKey}" async></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
