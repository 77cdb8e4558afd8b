import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listener-deps.js';

const USAGE = 'Usage: `/ask <question>`, for example `/ask how long do refunds take?`';

/** `/ask <question>`: acked at once, answered ephemerally with a "Share in channel" button. */
export function registerAskCommand(app: App, deps: ListenerDeps): void {
  app.command('/ask', async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    if (text === '') {
      await respond({ response_type: 'ephemeral', text: USAGE });
      return;
    }
    const log = deps.logger.child({ command: '/ask', channel: command.channel_id });
    const settings = await deps.state.channels.get(command.channel_id);
    if (!settings.enabled) {
      await respond({ response_type: 'ephemeral', text: 'The support copilot is turned off in this channel.' });
      return;
    }
    const audience = await deps.audience.resolve(client, command.channel_id, undefined, log);
    // A slash command has no thread: the answer goes back through response_url.
    const target = { channelId: command.channel_id, threadTs: '', userId: command.user_id, teamId: command.team_id };
    const { message } = await deps.answers.answerOnce({ text, target, audience, settings }, log);
    await respond({ response_type: 'ephemeral', ...message });
  });
}
