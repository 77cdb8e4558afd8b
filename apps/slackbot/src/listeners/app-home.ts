import type { App } from '@slack/bolt';
import { buildWelcomeMessage } from '../blocks/notices.js';
import type { ListenerDeps } from './listener-deps.js';

/** The Messages tab opened: a greeting, once per channel and claim period, until the agent has asked something. */
export function registerAppHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'messages' || event.channel === undefined) return;
    if (await deps.state.transcript.channelHasTurns(event.channel)) return;
    if (!(await deps.state.claim([`welcome:${event.channel}`]))) return;
    await client.chat.postMessage({ channel: event.channel, ...buildWelcomeMessage() });
  });
}
