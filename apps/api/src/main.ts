import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { API_SCOPES, type ApiKeyStore, createAdminSessionStore, createApiKeyStore } from '@support/api-keys';
import { createAnswerStore, createCopilotFromEnv } from '@support/copilot';
import { databaseTarget } from '@support/db';
import { createJobQueue, largeSourceFit, openKnowledgeBase } from '@support/retrieval';
import { createSlackState } from '@support/slack-state';
import { loadSlackConfig, type SlackBot, startSlackBot } from '@support/slackbot';
import { buildWidget } from '@support/widget';
import pino from 'pino';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { startBanner } from './start/banner.js';
import { ensureDemoKey, ownOrigins } from './start/demo-key.js';
import { indexSampleIfAlone, type SampleOutcome } from './start/sample-kb.js';

const SAMPLE_KB = fileURLToPath(new URL('../../../kb/sample/', import.meta.url));

async function main(argv: string[]): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  let slackConfig: ReturnType<typeof loadSlackConfig>;
  try {
    config = loadConfig();
    slackConfig = loadSlackConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.apiKey', '*.OPENAI_API_KEY'],
  });
  // Re-index jobs embed on every core; questions keep a thread of their own.
  const kb = await openKnowledgeBase({
    target: databaseTarget(config),
    embedder: { env: config, role: { queryThread: true } },
  });
  logger.info(
    { database: kb.database.kind, applied: kb.migrations.applied, embedder: kb.embedder.model },
    'database.ready',
  );
  let sample: SampleOutcome | null = null;
  if (argv.includes('--sample')) {
    sample = await indexSampleIfAlone(kb.retrieval, SAMPLE_KB);
    logger.info(sample, sample.kind === 'indexed' ? 'sample.indexed' : 'sample.skipped');
  }
  const demo = argv.includes('--demo');
  const widget = await buildWidget().catch((error: unknown) => {
    // The API is useful without its widget; say why /widget.js is missing and carry on.
    logger.error({ err: error }, 'widget.build_failed');
    return null;
  });
  await kb.retrieval.warmUp();

  const copilot = createCopilotFromEnv(config, kb);
  const keys = createApiKeyStore(kb.database.pool);
  await createFirstKey(keys, config.DATA_DIR);
  // Re-index jobs run in this process. Embedded PGlite admits one process, so a job found running
  // there at start was left by a dead one and is re-queued at once. On the default embedder a large
  // source is fitted a table of its own, in a worker thread, as `pnpm kb index` does.
  const largeSources = largeSourceFit(config);
  const jobs = createJobQueue({
    pool: kb.database.pool,
    retrieval: kb.retrieval,
    allowedDirs: config.REINDEX_ALLOWED_DIRS,
    ...(largeSources === undefined ? {} : { largeSources }),
    keepFinishedMs: config.JOB_RETENTION_DAYS * 86_400_000,
    staleAfterMs: config.JOB_STALE_AFTER_MS,
    exclusive: kb.database.kind === 'embedded',
    logger: logger.child({ component: 'jobs' }),
  });
  await jobs.start();
  let demoKey: string | undefined;
  const app = createApp({
    retrieval: kb.retrieval,
    copilot,
    keys,
    jobs,
    answers: createAnswerStore(kb.database.pool),
    adminSessions: createAdminSessionStore(kb.database.pool, keys),
    logger,
    slackChannels: createSlackState({ db: kb.database.pool }).channels,
    options: { rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE, bodyLimitBytes: config.BODY_LIMIT_BYTES },
    ...(widget ? { widget: { bundle: widget, ...(demo ? { demoKey: () => demoKey } : {}) } } : {}),
  });
  // Once listening: the demo key (allowed from the server's own origin, known only now: PORT may
  // be 0), then the banner.
  const announce = async (port: number) => {
    const origins = ownOrigins(config.HOST, port);
    if (demo && widget) demoKey = await ensureDemoKey(keys, config.DATA_DIR, origins);
    process.stderr.write(startBanner({ url: origins[0] ?? '', demo, sample, widget: widget !== null }));
  };
  // With the Slack variables set, the bot runs in this process: the embedded database admits one.
  const slackBot: SlackBot | undefined = slackConfig
    ? await startSlackBot({
        config: slackConfig,
        copilot,
        db: kb.database.pool,
        logger: logger.child({ component: 'slack' }),
      })
    : undefined;
  const server = serve(
    {
      fetch: app.fetch,
      port: config.PORT,
      hostname: config.HOST,
      serverOptions: requestDeadlines(config.HTTP_REQUEST_TIMEOUT_MS),
    },
    (info) => {
      logger.info({ url: `http://${config.HOST}:${info.port}` }, 'server.listening');
      void announce(info.port).catch((error: unknown) => logger.error({ err: error }, 'demo.key_failed'));
    },
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'server.stopping');
    server.close(async () => {
      // An interrupted re-index goes back to the queue and resumes on the next start.
      await jobs.stop();
      await slackBot?.stop();
      await kb.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

// Node checks the deadlines only every connectionsCheckingInterval (30 s by default), which would
// let a short deadline run up to half a minute late.
function requestDeadlines(timeoutMs: number) {
  return {
    requestTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(timeoutMs / 4))),
  };
}

// A fresh install has no key, and every /v1 route needs one: make an admin key once, show it
// once on the terminal (never in the logs), and leave it in DATA_DIR for the quick start.
async function createFirstKey(keys: ApiKeyStore, dataDir: string): Promise<void> {
  if ((await keys.countLive()) > 0) return;
  const { key } = await keys.create({ name: 'first admin key', scopes: [...API_SCOPES], audience: 'agent' });
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'first-api-key');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  process.stderr.write(
    `\nCreated the first API key (agent audience, all scopes). It is shown only now and saved in ${file}:\n  ${key}\n` +
      'Make more with "pnpm kb keys create" and revoke this one with "pnpm kb keys revoke <id>".\n\n',
  );
}

await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
