import { createCopilotFromEnv } from '@support/copilot';
import { databaseTarget } from '@support/db';
import { openKnowledgeBase } from '@support/retrieval';
import pino from 'pino';
import { loadConfig } from './config.js';
import { startSlackBot } from './run.js';

// The bot alone (pnpm start:slackbot), for deployments on PostgreSQL that run the API and the bot
// as separate processes. `npm start` runs it inside the API process instead.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ['*.token', '*.SLACK_BOT_TOKEN', '*.SLACK_APP_TOKEN', '*.SLACK_SIGNING_SECRET', '*.OPENAI_API_KEY'],
  });
  const kb = await openKnowledgeBase({ target: databaseTarget(config), embedder: { env: config } });
  await kb.retrieval.warmUp();
  const copilot = createCopilotFromEnv(config, kb);
  const bot = await startSlackBot({
    config,
    copilot,
    db: kb.database.pool,
    logger: logger.child({ component: 'slack' }),
  });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'slack.stopping');
    setTimeout(() => process.exit(1), 10_000).unref();
    await bot.stop();
    await kb.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
