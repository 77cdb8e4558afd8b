import type { Answer } from '@support/copilot';
import { REMOVED_NOTE } from '@support/copilot';
import { escapeMrkdwn, mrkdwnLink, splitMrkdwn, toMrkdwn } from './mrkdwn.js';
import { ACTION_IDS, type KnownBlock, LIMITS, type SlackMessage } from './slack-types.js';

/** The parts of an answer the reply shows. */
export type ShownAnswer = Pick<Answer, 'id' | 'text' | 'citations' | 'abstained' | 'degraded'> & {
  grounding: Pick<Answer['grounding'], 'removed'>;
};

/** Notes shown under the answer, in a context block. */
export const CONTEXT_NOTES = {
  removed: ':warning: Part of this answer was removed because the cited sources did not support it.',
  degraded: ':information_source: The language model was unavailable, so this answer quotes the articles directly.',
  abstained: ':mag: No article answered this with confidence; the closest ones are listed above.',
} as const;

const TRUNCATED = '_…the answer was cut here to fit in one Slack message._';

/**
 * The final reply: the answer in mrkdwn sections (split at Slack's 3,000 characters), its cited
 * sources, a context note when something was removed, degraded or abstained, and the feedback
 * buttons (plus "Share in channel" on an ephemeral answer). At most 50 blocks; `text` is the
 * answer itself, for notifications and screen readers.
 */
export function buildAnswerMessage(answer: ShownAnswer, options: { shareable?: boolean } = {}): SlackMessage {
  const body = answer.text.replace(REMOVED_NOTE, '').trim();
  const tail: KnownBlock[] = [];
  if (answer.citations.length > 0) tail.push(sourcesBlock(answer.citations));
  const notes = contextNotes(answer);
  if (notes.length > 0) tail.push({ type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn', text })) });
  tail.push(actionsBlock(answer.id, options.shareable ?? false));

  const room = LIMITS.blocks - tail.length;
  let sections = splitMrkdwn(toMrkdwn(body, answer.citations), LIMITS.sectionText);
  if (sections.length > room) sections = [...sections.slice(0, room - 1), TRUNCATED];
  const answerBlocks: KnownBlock[] = sections.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  return { text: fallbackText(body), blocks: [...answerBlocks, ...tail] };
}

function sourcesBlock(citations: ShownAnswer['citations']): KnownBlock {
  const lines = citations.map((c) => `${c.n}. ${c.url ? mrkdwnLink(c.url, c.title) : escapeMrkdwn(c.title)}`);
  const text = splitMrkdwn(`*Sources*\n${lines.join('\n')}`, LIMITS.sectionText)[0] ?? '*Sources*';
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function contextNotes(answer: ShownAnswer): string[] {
  if (answer.abstained) return [CONTEXT_NOTES.abstained];
  const notes: string[] = [];
  if (answer.grounding.removed > 0) notes.push(CONTEXT_NOTES.removed);
  if (answer.degraded) notes.push(CONTEXT_NOTES.degraded);
  return notes;
}

function actionsBlock(answerId: string, shareable: boolean): KnownBlock {
  const elements: Extract<KnownBlock, { type: 'actions' }>['elements'] = [
    {
      type: 'button',
      action_id: ACTION_IDS.helpful,
      value: answerId,
      text: { type: 'plain_text', text: ':+1: Helpful', emoji: true },
    },
    {
      type: 'button',
      action_id: ACTION_IDS.notHelpful,
      value: answerId,
      text: { type: 'plain_text', text: ':-1: Not helpful', emoji: true },
    },
  ];
  if (shareable)
    elements.unshift({
      type: 'button',
      action_id: ACTION_IDS.share,
      value: answerId,
      style: 'primary',
      text: { type: 'plain_text', text: 'Share in channel' },
    });
  return { type: 'actions', block_id: `answer:${answerId}`, elements };
}

// Slack caps a message's text at 40,000 characters; notifications show the start anyway.
function fallbackText(body: string): string {
  return body.length > 39_000 ? `${body.slice(0, 39_000)}…` : body;
}
