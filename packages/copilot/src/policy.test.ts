import { checkGrounding } from '@support/guardrails';
import { describe, expect, it } from 'vitest';
import { applyPolicy, REMOVED_NOTE, UNVERIFIED_MARK } from './policy.js';

const sources = ['Refunds reach your card within 5 to 10 business days.'];
const answer = 'Refunds reach your card within 5 to 10 business days [1]. Refunds over $75 arrive in 3 hours [1].';
const report = checkGrounding(answer, sources);

describe('applyPolicy', () => {
  it('strip removes the unsupported sentence and says that part was removed', () => {
    const result = applyPolicy(answer, report, 'strip');
    expect(result.abstain).toBe(false);
    expect(result.text).toBe(`Refunds reach your card within 5 to 10 business days [1].\n\n${REMOVED_NOTE}`);
    expect(result.grounding.removed).toBe(1);
  });

  it('annotate keeps every sentence and marks the unsupported one', () => {
    const result = applyPolicy(answer, report, 'annotate');
    expect(result.abstain).toBe(false);
    expect(result.text).toContain(`arrive in 3 hours [1].${UNVERIFIED_MARK}`);
    expect(result.text).toContain('5 to 10 business days [1].');
  });

  it('abstain gives up on the whole answer when any sentence is unsupported', () => {
    expect(applyPolicy(answer, report, 'abstain').abstain).toBe(true);
  });

  it('leaves a fully supported answer alone under every policy', () => {
    const good = 'Refunds reach your card within 5 to 10 business days [1].';
    const goodReport = checkGrounding(good, sources);
    for (const policy of ['strip', 'annotate', 'abstain'] as const)
      expect(applyPolicy(good, goodReport, policy)).toMatchObject({ text: good, abstain: false });
  });

  it('strip removes a contradiction but only annotates a claim the sources merely do not mention', () => {
    const mixed =
      'Refunds reach your card within 5 to 10 business days [1]. Refunds reach your card within 2 business days [1]. A manager approves each refund by phone before it leaves the warehouse [1].';
    const mixedReport = checkGrounding(mixed, sources);
    expect(mixedReport.sentences.map((s) => s.problem)).toEqual([null, 'contradiction', 'not-found']);
    // With the bar at 0, no not-found sentence is weak enough to remove.
    const result = applyPolicy(mixed, mixedReport, 'strip', 0);
    expect(result.text).not.toContain('2 business days');
    expect(result.text).toContain(`leaves the warehouse [1].${UNVERIFIED_MARK}`);
    expect(result.text).toContain(REMOVED_NOTE);
    expect(result.grounding.sentences.map((s) => s.problem)).toEqual([null, 'contradiction', 'not-found']);
    // With the bar at 1, every unsupported sentence is removed.
    expect(applyPolicy(mixed, mixedReport, 'strip', 1).text).not.toContain('warehouse');
  });

  it('strip abstains when nothing supported is left', () => {
    const bad = 'Refunds over $75 arrive in 3 hours [1].';
    expect(applyPolicy(bad, checkGrounding(bad, sources), 'strip').abstain).toBe(true);
  });
});
