import type { App } from '@slack/bolt';
import { handleQuestion } from './handle-question.js';
import type { ListenerDeps } from './listener-deps.js';
import { EventEnvelope, UserMessage } from './slack-payloads.js';

/**
 * Plain messages: a DM (or the assistant container) is always a question; in a channel, a reply
 * in a thread the bot already answered is a follow-up, unless the channel wants mentions only.
 * Bot messages (the bot's own too), edits, joins and file shares fail UserMessage and are ignored.
 */
export function registerMessage(app: App, deps: ListenerDeps): void {
  app.message(async ({ message: event, body, client, context }) => {
    const parsed = UserMessage.safeParse(event);
    const envelope = EventEnvelope.safeParse(body);
    if (!parsed.success || !envelope.success) return;
    const message = parsed.data;
    const incoming = {
      message,
      eventId: envelope.data.event_id,
      teamId: context.teamId ?? envelope.data.team_id,
      sharedChannel: envelope.data.is_ext_shared_channel,
    };
    if (message.channel_type === 'im') return handleQuestion(deps, client, incoming);
    // A mention is app_mention's to answer.
    if (context.botUserId !== undefined && message.text.includes(`<@${context.botUserId}>`)) return;
    if (message.thread_ts === undefined || message.thread_ts === message.ts) return;
    const thread = { channelId: message.channel, threadTs: message.thread_ts };
    if (!(await deps.state.transcript.botAnswered(thread))) return;
    const settings = await deps.state.channels.get(message.channel);
    if (settings.mentionOnly) return;
    await handleQuestion(deps, client, incoming);
  });
}
