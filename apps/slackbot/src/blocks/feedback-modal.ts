import { FEEDBACK_MODAL_ID, type ModalView } from './slack-types.js';

/** Why an answer was not helpful; the same values the API's /v1/feedback accepts. */
export const FEEDBACK_REASONS = [
  ['wrong', 'It is wrong'],
  ['incomplete', 'It is incomplete'],
  ['outdated', 'It is out of date'],
  ['not_relevant', 'It does not answer the question'],
  ['other', 'Something else'],
] as const;

/** block_id / action_id of the modal's inputs, read back on submission. */
export const FEEDBACK_INPUTS = {
  reason: { block: 'reason', action: 'reason_select' },
  comment: { block: 'comment', action: 'comment_input' },
} as const;

/** The "not helpful" modal: a reason and an optional comment; the answer id rides in private_metadata. */
export function buildFeedbackModal(answerId: string): ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL_ID,
    private_metadata: JSON.stringify({ answerId }),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FEEDBACK_INPUTS.reason.block,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'static_select',
          action_id: FEEDBACK_INPUTS.reason.action,
          placeholder: { type: 'plain_text', text: 'Pick one' },
          options: FEEDBACK_REASONS.map(([value, text]) => ({ value, text: { type: 'plain_text', text } })),
        },
      },
      {
        type: 'input',
        block_id: FEEDBACK_INPUTS.comment.block,
        optional: true,
        label: { type: 'plain_text', text: 'Comment' },
        element: {
          type: 'plain_text_input',
          action_id: FEEDBACK_INPUTS.comment.action,
          multiline: true,
          max_length: 2000,
          placeholder: {
            type: 'plain_text',
            text: 'What should it have said? (Personal data is removed before saving.)',
          },
        },
      },
    ],
  };
}
