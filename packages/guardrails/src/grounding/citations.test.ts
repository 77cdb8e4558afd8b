import { describe, expect, it } from 'vitest';
import { parseCitations } from './citations.js';
import { splitSentences } from './sentences.js';

describe('parseCitations', () => {
  it('finds single, grouped and ranged markers and validates them', () => {
    expect(parseCitations('a [1][3] b [2, 4] c [1-2]', 3).map((c) => [c.n, c.valid])).toEqual([
      [1, true],
      [3, true],
      [2, true],
      [4, false],
      [1, true],
      [2, true],
    ]);
  });
  it('ignores bracketed text that is not a citation', () => {
    expect(parseCitations('see [a] and [note]', 2)).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('keeps markers written after the full stop with their sentence', () => {
    expect(splitSentences('Refunds take 5 days. [1] Plans cost $12, e.g. Pro [2]. Done!').map((s) => s.text)).toEqual([
      'Refunds take 5 days. [1]',
      'Plans cost $12, e.g. Pro [2].',
      'Done!',
    ]);
  });
  it('does not split version numbers and decimals', () => {
    expect(splitSentences('Install v2.3.1 now. It costs 9.99 USD.').map((s) => s.text)).toEqual([
      'Install v2.3.1 now.',
      'It costs 9.99 USD.',
    ]);
  });
});
