import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createCopilotFromEnv } from '@support/copilot';
import { openKnowledgeBase, readSource } from '@support/retrieval';
import pino from 'pino';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

const SAMPLE_KB = fileURLToPath(new URL('../../../kb/sample/', import.meta.url));

async function main(argv: string[]): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.apiKey', '*.OPENAI_API_KEY'],
  });
  const kb = await openKnowledgeBase(config);
  logger.info(
    { database: kb.database.kind, applied: kb.migrations.applied, embedder: kb.embedder.model },
    'database.ready',
  );
  if (argv.includes('--sample')) {
    const summary = await kb.retrieval.index(readSource(SAMPLE_KB), { source: 'sample', fullSync: true });
    logger.info({ ...summary, failed: summary.failed.length }, 'sample.indexed');
  }
  await kb.retrieval.warmUp();

  const copilot = createCopilotFromEnv(config, kb);
  const app = createApp({ retrieval: kb.retrieval, copilot, logger });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info({ url: `http://${config.HOST}:${info.port}` }, 'server.listening');
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'server.stopping');
    server.close(async () => {
      await kb.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
