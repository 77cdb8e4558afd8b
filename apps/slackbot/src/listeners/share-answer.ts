import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { isAppError } from '@support/db';
import { buildAnswerMessage } from '../blocks/answer-message.js';
import { ACTION_IDS } from '../blocks/slack-types.js';
import type { ListenerDeps } from './listener-deps.js';

/**
 * "Share in channel" on an ephemeral answer: posts the same answer visibly. It is read back from
 * the answer log, so personal data the asker pasted stays redacted in front of the channel.
 */
export function registerShareAnswer(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, action, body, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (channel === undefined) return;
    try {
      const answer = await deps.copilot.findAnswer(action.value ?? '', { audience: 'agent' });
      const message = buildAnswerMessage(answer);
      await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `<@${body.user.id}> shared an answer from the support copilot` }],
          },
          ...message.blocks,
        ],
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That answer is no longer available.',
      });
    }
  });
}
