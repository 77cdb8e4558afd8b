import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Copilot } from '@support/copilot';
import type { SlackState } from '@support/slack-state';
import { toBoltLogger } from './bolt-logger.js';
import { registerAppHome } from './listeners/app-home.js';
import { registerAppMention } from './listeners/app-mention.js';
import { registerAskCommand } from './listeners/ask-command.js';
import { registerAssistantThread } from './listeners/assistant-thread.js';
import { createAudienceResolver } from './listeners/audience.js';
import { registerFeedback } from './listeners/feedback.js';
import type { ListenerDeps } from './listeners/listener-deps.js';
import { registerMessage } from './listeners/message.js';
import { registerShareAnswer } from './listeners/share-answer.js';
import { type BotLogger, createAnswerService } from './reply/answer-service.js';
import type { ReplyWriterOptions } from './reply/reply-writer.js';
import { refuseNullBodies, unreadableRequestHandler } from './unreadable-request.js';

/** The path Slack posts events, commands and interactions to in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

/** What the bot is built from. */
export interface SlackAppDeps {
  copilot: Copilot;
  state: SlackState;
  logger: BotLogger & {
    info(msg: string): void;
    warn(msg: string): void;
    error(msg: string): void;
    debug(msg: string): void;
  };
  slack: {
    botToken: string;
    /** HTTP mode: Slack's signing secret. */
    signingSecret?: string | undefined;
    /** Socket Mode when set (xapp-…). */
    appToken?: string | undefined;
    /** Where Web API calls go (tests: a fake); Slack's own when unset. */
    apiUrl?: string | undefined;
  };
  options?: ReplyWriterOptions & { now?: () => number; maxConcurrentAnswers?: number };
}

/** A built bot: start it (HTTP: on a port; Socket Mode: connects out), stop it. */
export interface SlackBot {
  app: App;
  transport: 'http' | 'socket';
  /** HTTP mode: listens on host:port and returns the events URL; Socket Mode: connects. */
  start(listen?: { port: number; host?: string }): Promise<{ url: string | null }>;
  stop(): Promise<void>;
}

/**
 * Builds the Bolt app with every listener, over HTTP events (signature-checked by Bolt: a bad
 * signature or a timestamp over 5 minutes old gets 401) or Socket Mode when an app token is given.
 * @example const bot = createSlackApp({ copilot, state, logger, slack: { botToken, signingSecret } }); await bot.start({ port: 3001 });
 */
export function createSlackApp(deps: SlackAppDeps): SlackBot {
  const boltLogger = toBoltLogger(deps.logger);
  const clientOptions = {
    ...(deps.slack.apiUrl ? { slackApiUrl: deps.slack.apiUrl } : {}),
    // Our own retries live in the dedupe; a Web API call that keeps failing should surface quickly.
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 2000 },
  };
  const socket = deps.slack.appToken !== undefined;
  let receiver: HTTPReceiver | undefined;
  if (!socket) {
    if (deps.slack.signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET: required for HTTP events');
    receiver = new HTTPReceiver({
      signingSecret: deps.slack.signingSecret,
      endpoints: EVENTS_PATH,
      logger: boltLogger,
      // Ack first, work after: Slack wants the 200 within 3 seconds.
      processBeforeResponse: false,
      processEventErrorHandler: unreadableRequestHandler(deps.logger),
    });
    refuseNullBodies(receiver, deps.slack.signingSecret, deps.logger);
  }
  const app = new App({
    token: deps.slack.botToken,
    logger: boltLogger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: deps.slack.appToken }),
  });
  const listenerDeps: ListenerDeps = {
    copilot: deps.copilot,
    state: deps.state,
    logger: deps.logger,
    audience: createAudienceResolver(deps.options?.now ? { now: deps.options.now } : {}),
    answers: createAnswerService({
      copilot: deps.copilot,
      state: deps.state,
      writer: deps.options ?? {},
      ...(deps.options?.maxConcurrentAnswers === undefined
        ? {}
        : { maxConcurrentAnswers: deps.options.maxConcurrentAnswers }),
    }),
  };
  registerAppMention(app, listenerDeps);
  registerMessage(app, listenerDeps);
  registerAssistantThread(app, listenerDeps);
  registerAppHome(app, listenerDeps);
  registerAskCommand(app, listenerDeps);
  registerShareAnswer(app, listenerDeps);
  registerFeedback(app, listenerDeps);
  // The one place a listener's error is logged; Slack already has its ack.
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'listener.failed');
  });

  return {
    app,
    transport: socket ? 'socket' : 'http',
    async start(listen) {
      if (receiver === undefined) {
        await app.start();
        return { url: null };
      }
      const host = listen?.host ?? '127.0.0.1';
      const server = (await receiver.start({ port: listen?.port ?? 3001, host })) as Server;
      const { port } = server.address() as AddressInfo;
      return { url: `http://${host}:${port}${EVENTS_PATH}` };
    },
    stop: () => app.stop() as Promise<void>,
  };
}
