import { CopilotEnv } from '@support/copilot';
import { DatabaseEnv, parseEnv } from '@support/db';
import { EmbedderEnv } from '@support/retrieval';
import { z } from 'zod';
import { DEFAULT_MAX_CONCURRENT_ANSWERS } from './reply/answer-service.js';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The Slack variables alone: what the API process checks to decide whether to run the bot too. */
export const SlackEnv = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string({ error: 'required: the bot token (xoxb-…)' }).regex(/^xoxb-/, 'expected a bot token (xoxb-…)'),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^xapp-/, 'expected an app-level token (xapp-…) for Socket Mode')
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url()
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  SLACK_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3001)),
  SLACK_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  // Answers in flight at once; a burst of mentions beyond it waits its turn (placeholders shown).
  SLACK_MAX_CONCURRENT_ANSWERS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(256).default(DEFAULT_MAX_CONCURRENT_ANSWERS),
  ),
});
export type SlackEnv = z.infer<typeof SlackEnv>;

// HTTP mode needs the signing secret; Socket Mode does not.
const withTransport = <S extends z.ZodType<SlackEnv>>(schema: S) =>
  schema.refine((env) => env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'required for HTTP events (or set SLACK_APP_TOKEN for Socket Mode)',
  });

const SlackbotEnv = DatabaseEnv.extend(EmbedderEnv.shape)
  .extend(CopilotEnv.shape)
  .extend({
    ...SlackEnv.shape,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });
export type SlackbotConfig = z.infer<typeof SlackbotEnv>;

/** The standalone bot's configuration; throws one error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SlackbotConfig {
  return parseEnv(withTransport(SlackbotEnv), env);
}

/**
 * The Slack part of an environment when SLACK_BOT_TOKEN is set (the API then runs the bot too),
 * undefined when it is not; a set but invalid value throws, naming it.
 */
export function loadSlackConfig(env: Record<string, string | undefined> = process.env): SlackEnv | undefined {
  if (!env.SLACK_BOT_TOKEN) return undefined;
  return parseEnv(withTransport(SlackEnv), env);
}
