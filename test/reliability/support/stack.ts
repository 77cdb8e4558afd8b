import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from '../../fakes/fake-openai.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/fake-slack.js';
import { TEST_SIGNING_SECRET } from '../../fakes/slack-requests.js';
import { type AppProcess, firstApiKey, HEAP_PROBE, startApi, startBot } from './processes.js';

/** A reply that cites the first source, so the fake model's answers pass as grounded where they can. */
export const CITING_REPLY = 'Here is what the help centre says about it [1].';

/** What every process of a scenario shares: the database, the model server, Slack. */
export interface StackEnv {
  /** A PostgreSQL database; undefined: each process embeds its own in its data folder. */
  databaseUrl: string | undefined;
  openai: FakeOpenAI;
  slack: FakeSlack;
  /** A temporary folder for data dirs, removed on close. */
  dir: string;
  close(): Promise<void>;
}

/** Starts the fakes and makes a temporary folder. */
export async function startStackEnv(
  databaseUrl: string | undefined,
  openaiOptions: FakeOpenAIOptions = {},
): Promise<StackEnv> {
  const openai = await startFakeOpenAI({ defaultReply: CITING_REPLY, ...openaiOptions });
  const slack = await startFakeSlack();
  const dir = await mkdtemp(join(tmpdir(), 'copilot-reliability-'));
  return {
    databaseUrl,
    openai,
    slack,
    dir,
    close: async () => {
      await openai.close();
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Variables every process takes: the shared database, the model-free embedder, a high rate limit. */
export function baseEnv(env: StackEnv, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
    EMBEDDING_PROVIDER: 'hashing',
    DATA_DIR: join(env.dir, name),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...extra,
  };
}

/**
 * The fake model server's options for scenarios that interrupt a re-index: 50 ms an embeddings
 * call, which with `slowEmbedderEnv`'s 16 texts a call makes a job last seconds on any machine.
 * With the in-process hashing embedder a fast machine indexed 300 articles between two 100 ms
 * polls, before the job could be killed.
 */
export const SLOW_EMBEDDINGS: FakeOpenAIOptions = { embeddingsDelayMs: 50 };

/** Variables that embed through the fake model server (start it with SLOW_EMBEDDINGS), 16 texts a call. */
export function slowEmbedderEnv(env: StackEnv): Record<string, string> {
  return {
    EMBEDDING_PROVIDER: 'openai',
    EMBEDDING_MODEL: 'fake-embedding',
    EMBEDDING_DIMENSIONS: '16',
    EMBEDDING_BATCH_SIZE: '16',
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: env.openai.url,
  };
}

/**
 * An API process; `model: true` answers with the fake model, else extractively. `--sample` indexes
 * the sample KB. `heapProbe` preloads the probe `liveMemory` reads.
 */
export async function startApiOn(
  env: StackEnv,
  name: string,
  options: { model?: boolean; sample?: boolean; extra?: Record<string, string>; heapProbe?: boolean } = {},
): Promise<AppProcess> {
  const model: Record<string, string> = options.model
    ? { LLM_MODEL: 'fake-model', OPENAI_API_KEY: 'test', OPENAI_BASE_URL: env.openai.url, LLM_TIMEOUT_MS: '1500' }
    : {};
  return startApi(
    baseEnv(env, name, { ...model, ...options.extra }),
    options.sample ? ['--sample'] : [],
    options.heapProbe ? HEAP_PROBE : [],
  );
}

/** A standalone bot process in HTTP mode against the fake Slack, answering extractively. */
export function startBotOn(env: StackEnv, name: string, options: { heapProbe?: boolean } = {}): Promise<AppProcess> {
  return startBot(
    baseEnv(env, name, {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: env.slack.apiUrl,
    }),
    options.heapProbe ? HEAP_PROBE : [],
  );
}

/** The admin key the first API process made. */
export function adminKey(env: StackEnv, firstApiName: string): Promise<string> {
  return firstApiKey(join(env.dir, firstApiName));
}

/** Sends `body` as JSON to `path` with the key; the response. */
export function postJson(
  base: string,
  path: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Questions the sample knowledge base answers. */
export const SAMPLE_QUESTIONS = [
  'How do I cancel an order?',
  'How long does a refund take?',
  'How do I change my email address?',
  'Why did my payment fail?',
  'Where do I find my invoice?',
  'My account is locked, what now?',
  'My parcel arrived damaged',
  'How do I use a gift card?',
];
