import type { Copilot } from '@support/copilot';
import type { Queryable } from '@support/db';
import { createSlackState } from '@support/slack-state';
import { createSlackApp, type SlackAppDeps, type SlackBot } from './app.js';
import type { SlackEnv } from './config.js';

/**
 * Builds and starts the bot as the environment configures it (Socket Mode when SLACK_APP_TOKEN is
 * set, else HTTP events on SLACK_HOST:SLACK_PORT); the API's main.ts and the bot's own call it.
 */
export async function startSlackBot(deps: {
  config: SlackEnv;
  copilot: Copilot;
  db: Queryable;
  logger: SlackAppDeps['logger'];
}): Promise<SlackBot> {
  const { config } = deps;
  const bot = createSlackApp({
    copilot: deps.copilot,
    state: createSlackState({ db: deps.db }),
    logger: deps.logger,
    slack: {
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
    },
    options: { maxConcurrentAnswers: config.SLACK_MAX_CONCURRENT_ANSWERS },
  });
  const { url } = await bot.start({ port: config.SLACK_PORT, host: config.SLACK_HOST });
  deps.logger.info({ transport: bot.transport, url }, 'slack.started');
  return bot;
}
