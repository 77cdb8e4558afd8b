import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { isAppError } from '@support/db';
import { buildFeedbackModal, FEEDBACK_REASONS } from '../blocks/feedback-modal.js';
import { ACTION_IDS, FEEDBACK_MODAL_ID } from '../blocks/slack-types.js';
import type { ListenerDeps } from './listener-deps.js';
import { FeedbackSubmission } from './slack-payloads.js';

const REASONS = new Set<string>(FEEDBACK_REASONS.map(([value]) => value));
type Reason = (typeof FEEDBACK_REASONS)[number][0];

/** Helpful: recorded at once. Not helpful: a modal asks why, and its submission is recorded. */
export function registerFeedback(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.helpful, async ({ ack, action, body, client }) => {
    await ack();
    const answerId = action.value ?? '';
    const thanks = await deps.copilot
      .feedback({ answerId, helpful: true })
      .then(() => 'Thanks, noted that this helped.')
      .catch((error: unknown) => {
        if (!isAppError(error)) throw error;
        return 'That answer is no longer available.';
      });
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (channel !== undefined)
      await client.chat.postEphemeral({
        channel,
        user: body.user.id,
        text: thanks,
        ...(body.message?.thread_ts ? { thread_ts: body.message.thread_ts } : {}),
      });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.notHelpful, async ({ ack, action, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildFeedbackModal(action.value ?? '') });
  });

  app.view(FEEDBACK_MODAL_ID, async ({ ack, view }) => {
    const parsed = FeedbackSubmission.safeParse(view);
    const reason = parsed.success ? parsed.data.state.values.reason.reason_select.selected_option?.value : undefined;
    if (!parsed.success || reason === undefined || !REASONS.has(reason)) {
      await ack({ response_action: 'errors', errors: { reason: 'Pick a reason.' } });
      return;
    }
    const comment = parsed.data.state.values.comment?.comment_input.value ?? undefined;
    try {
      await deps.copilot.feedback({
        answerId: parsed.data.private_metadata.answerId,
        helpful: false,
        reason: reason as Reason,
        ...(comment ? { comment } : {}),
      });
      await ack();
    } catch (error) {
      if (!isAppError(error)) throw error;
      await ack({ response_action: 'errors', errors: { reason: 'That answer is no longer available.' } });
    }
  });
}
