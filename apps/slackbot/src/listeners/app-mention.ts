import type { App } from '@slack/bolt';
import { handleQuestion } from './handle-question.js';
import type { ListenerDeps } from './listener-deps.js';
import { EventEnvelope, UserMessage } from './slack-payloads.js';

/** @mention in a channel: answered in the thread of that message, never in the channel root. */
export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const message = UserMessage.safeParse(event);
    const envelope = EventEnvelope.safeParse(body);
    if (!message.success || !envelope.success) return;
    await handleQuestion(deps, client, {
      message: message.data,
      eventId: envelope.data.event_id,
      teamId: context.teamId ?? envelope.data.team_id,
      sharedChannel: envelope.data.is_ext_shared_channel,
    });
  });
}
