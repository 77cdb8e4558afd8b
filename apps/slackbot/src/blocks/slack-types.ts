import type { types } from '@slack/bolt';

/** The Block Kit shapes the builders return (from @slack/types, through Bolt). */
export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;

/** A message as chat.postMessage, chat.update and respond take it: real fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** action_id and callback_id values the listeners match on. */
export const ACTION_IDS = {
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  share: 'share_answer',
} as const;
export const FEEDBACK_MODAL_ID = 'feedback_modal';

/** Slack's limits: characters per section text, markdown characters per message, blocks per message. */
export const LIMITS = { sectionText: 3000, markdownTotal: 12_000, blocks: 50 } as const;
