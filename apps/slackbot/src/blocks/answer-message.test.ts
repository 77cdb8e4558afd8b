import { describe, expect, it } from 'vitest';
import { buildAnswerMessage, CONTEXT_NOTES, type ShownAnswer } from './answer-message.js';
import { buildFeedbackModal } from './feedback-modal.js';

const ANSWER: ShownAnswer = {
  id: '3f1c2d4e-0000-4000-8000-000000000001',
  text: 'Refunds reach your card within **5 to 10 business days** [1].',
  citations: [
    {
      n: 1,
      articleId: 'refunds',
      source: 'help',
      title: 'Refund policy',
      url: 'https://help.example.com/refunds',
      snippet: '',
    },
  ],
  abstained: false,
  degraded: false,
  grounding: { removed: 0 },
};

const textOf = (blocks: ReturnType<typeof buildAnswerMessage>['blocks']) => JSON.stringify(blocks);

describe('buildAnswerMessage', () => {
  it('shows the answer, its sources and the feedback buttons, with the answer as fallback text', () => {
    const message = buildAnswerMessage(ANSWER);
    expect(message.text).toBe(ANSWER.text);
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Refunds reach your card within *5 to 10 business days* <https://help.example.com/refunds|[1]>.',
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Sources*\n1. <https://help.example.com/refunds|Refund policy>' },
      },
      {
        type: 'actions',
        block_id: `answer:${ANSWER.id}`,
        elements: [
          expect.objectContaining({ action_id: 'feedback_helpful', value: ANSWER.id }),
          expect.objectContaining({ action_id: 'feedback_not_helpful', value: ANSWER.id }),
        ],
      },
    ]);
  });

  it('moves the removed-sentences note into a context line', () => {
    const message = buildAnswerMessage({
      ...ANSWER,
      text: `${ANSWER.text}\n\nPart of this answer was removed because the cited sources did not support it.`,
      grounding: { removed: 1 },
    });
    expect(message.text).toBe(ANSWER.text);
    expect(message.blocks).toContainEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: CONTEXT_NOTES.removed }],
    });
  });

  it('says when the answer is degraded, and when it abstained', () => {
    expect(textOf(buildAnswerMessage({ ...ANSWER, degraded: true }).blocks)).toContain(CONTEXT_NOTES.degraded);
    const abstained = buildAnswerMessage({
      ...ANSWER,
      text: "I couldn't find this in the knowledge base. The closest articles are:\n- Refund policy (https://help.example.com/refunds)",
      citations: [],
      abstained: true,
    });
    expect(textOf(abstained.blocks)).toContain(CONTEXT_NOTES.abstained);
    expect(textOf(abstained.blocks)).toContain('• <https://help.example.com/refunds|Refund policy>');
    expect(textOf(abstained.blocks)).not.toContain('*Sources*');
  });

  it('adds "Share in channel" to an ephemeral answer', () => {
    expect(textOf(buildAnswerMessage(ANSWER, { shareable: true }).blocks)).toContain('"action_id":"share_answer"');
    expect(textOf(buildAnswerMessage(ANSWER).blocks)).not.toContain('share_answer');
  });

  it("keeps to Slack's limits: 3,000 characters a section and 50 blocks, saying when it cut", () => {
    const long = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: ${'detail '.repeat(120)}`).join('\n\n');
    const message = buildAnswerMessage({ ...ANSWER, text: long });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks)
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(textOf(message.blocks)).toContain('the answer was cut here');
    expect(message.blocks.at(-1)?.type).toBe('actions');
    expect(message.text.length).toBeLessThanOrEqual(40_000);
  });
});

describe('buildFeedbackModal', () => {
  it('asks for a reason and an optional comment, carrying the answer id', () => {
    const modal = buildFeedbackModal(ANSWER.id);
    expect(JSON.parse(modal.private_metadata ?? '{}')).toEqual({ answerId: ANSWER.id });
    expect(modal.blocks.map((b) => b.block_id)).toEqual(['reason', 'comment']);
  });
});
