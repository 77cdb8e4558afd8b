import type { webApi } from '@slack/bolt';
import type { ListenerDeps } from './listener-deps.js';
import { stripMentions, type UserMessage } from './slack-payloads.js';

/** A user's message the bot decided to answer, with its delivery's identity. */
export interface IncomingQuestion {
  message: UserMessage;
  eventId: string;
  teamId: string | undefined;
  sharedChannel: boolean | undefined;
}

const EMPTY_QUESTION_HINT = 'Ask me a question after the mention, for example: how long do refunds take?';

/**
 * Answers one message in its thread, exactly once: the delivery is claimed under its event id and
 * its (channel, ts), so a retry, a second bot copy, or the `message` twin of an `app_mention` all
 * find the claim taken and do nothing.
 */
export async function handleQuestion(
  deps: ListenerDeps,
  client: webApi.WebClient,
  incoming: IncomingQuestion,
): Promise<void> {
  const { message } = incoming;
  const log = deps.logger.child({ eventId: incoming.eventId, channel: message.channel });
  const settings = await deps.state.channels.get(message.channel);
  if (!settings.enabled) {
    log.debug({}, 'channel.disabled');
    return;
  }
  const claimed = await deps.state.claim([`event:${incoming.eventId}`, `message:${message.channel}:${message.ts}`]);
  if (!claimed) {
    log.info({ ts: message.ts }, 'event.duplicate');
    return;
  }
  const target = {
    channelId: message.channel,
    threadTs: message.thread_ts ?? message.ts,
    userId: message.user,
    teamId: incoming.teamId,
  };
  const text = stripMentions(message.text);
  if (text === '') {
    await client.chat.postMessage({ channel: target.channelId, thread_ts: target.threadTs, text: EMPTY_QUESTION_HINT });
    return;
  }
  const audience = await deps.audience.resolve(client, message.channel, incoming.sharedChannel, log);
  await deps.answers.answerInThread(client, { text, target, audience, settings }, log);
}
