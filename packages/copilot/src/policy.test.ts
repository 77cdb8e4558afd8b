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

  it('strip abstains when nothing supported is left', () => {
    const bad = 'Refunds over $75 arrive in 3 hours [1].';
    expect(applyPolicy(bad, checkGrounding(bad, sources), 'strip').abstain).toBe(true);
  });
});
