import { describe, expect, it } from 'vitest';
import { contentWords, groupQuestions, type UnansweredQuestion } from './group-questions.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));
const q = (question: string, day = 1, abstained = true): UnansweredQuestion => ({
  question,
  abstained,
  notHelpful: !abstained,
  askedAt: at(day),
});

describe('groupQuestions', () => {
  it('puts rewordings of one question in one gap, led by the most asked wording', () => {
    const groups = groupQuestions([
      q('Do you ship to Mars?', 1),
      q('Can I ship to mars', 2),
      q('do you ship to Mars', 3),
      q('What does shipping cost?', 1, false),
    ]);
    expect(groups.map((g) => [g.question, g.asked])).toEqual([
      ['do you ship to Mars', 3],
      ['What does shipping cost?', 1],
    ]);
    expect(groups[0]).toMatchObject({ abstained: 3, notHelpful: 0, lastAskedAt: at(3).toISOString() });
    // The same words in another case or punctuation are the same wording, shown as last asked.
    expect(groups[0]?.variants).toEqual(['Can I ship to mars']);
    expect(groups[1]).toMatchObject({ abstained: 0, notHelpful: 1 });
  });

  it('ignores redaction placeholders, so two people asking about their own email are one gap', () => {
    expect(contentWords('Refund for <EMAIL_1> please')).toEqual(new Set(['refund']));
    const groups = groupQuestions([q('Refund for <EMAIL_1> please'), q('refunds for <EMAIL_2>?')]);
    expect(groups).toHaveLength(1);
  });

  it('keeps questions that share only a word apart', () => {
    const groups = groupQuestions([q('How long does shipping take?'), q('What does shipping cost?')]);
    expect(groups).toHaveLength(2);
  });

  it('gives the same groups whatever order the log returns', () => {
    const rows = [
      q('Do you ship to Mars?', 1),
      q('Can I ship to mars', 2),
      q('Refund for <EMAIL_1>', 3),
      q('refunds?', 4),
    ];
    expect(groupQuestions([...rows].reverse())).toEqual(groupQuestions(rows));
  });
});
