import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { checkGroundingAsync } from './check-async.js';

const SOURCES = ['Refunds are issued to the original payment method within 5 business days.'];

describe('checkGroundingAsync', () => {
  it('does not ask the judge about a sentence the model is sure of', async () => {
    const judge = new FakeListChatModel({ responses: ['no'] });
    const report = await checkGroundingAsync(
      'Refunds are issued to the original payment method within 5 business days [1].',
      SOURCES,
      { judge },
    );
    expect(report.supported).toBe(true);
    expect(report.judge).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0 });
  });
  it('lets the judge decide a sentence in the uncertain band, and counts the call', async () => {
    const judge = new FakeListChatModel({ responses: ['No, the source does not say that.'] });
    const report = await checkGroundingAsync(
      'Refunds are issued to the original payment method within 5 business days [1].',
      SOURCES,
      { judge, judgeBand: 1 },
    );
    expect(report.supported).toBe(false);
    expect(report.sentences[0]?.findings.map((f) => f.kind)).toEqual(['judge']);
    expect(report.judge?.calls).toBe(1);
  });
  it('never lets the judge clear a contradiction', async () => {
    const judge = new FakeListChatModel({ responses: ['yes'] });
    const report = await checkGroundingAsync('Refunds are issued within 9 business days [1].', SOURCES, {
      judge,
      judgeBand: 1,
    });
    expect(report.supported).toBe(false);
    expect(report.judge?.calls).toBe(0);
  });
  it('uses the caller embed function to accept a paraphrase with little word overlap', async () => {
    const answer = 'Money comes back to your card inside a working week.';
    const without = await checkGroundingAsync(answer, SOURCES);
    expect(without.supported).toBe(false);
    // A fake embedder that knows these two texts mean the same thing.
    const embed = async (texts: string[]) =>
      texts.map((t) => (t.startsWith('Money') || t.startsWith('Refunds') ? [1, 0] : [0, 1]));
    const withEmbed = await checkGroundingAsync(answer, SOURCES, { embed });
    expect(withEmbed.supported).toBe(true);
  });
});
