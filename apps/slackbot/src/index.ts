// The public surface of @support/slackbot: the app factory, its configuration and its runner.

export type { SlackAppDeps, SlackBot } from './app.js';
/** Builds the Bolt app (HTTP events or Socket Mode) with every listener. */
export { createSlackApp, EVENTS_PATH } from './app.js';
export type { SlackbotConfig, SlackEnv } from './config.js';
/** The bot's environment (standalone) and its Slack part (the API runs the bot when it is set). */
export { loadConfig, loadSlackConfig } from './config.js';
/** Starts the bot as the environment configures it (used by the API process and the bot's own main). */
export { startSlackBot } from './run.js';
