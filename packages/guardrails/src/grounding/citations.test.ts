import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findCitationMarkers, parseCitations } from './citations.js';
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

describe('findCitationMarkers', () => {
  it('reads the full-width marker some models write', () => {
    expect(findCitationMarkers('Refunds take 5 days【2】.')).toEqual([{ start: 19, end: 22, numbers: [2] }]);
  });

  const group = fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 4 });
  const style = fc.constantFrom(
    (ns: number[]) => `[${ns.join(', ')}]`,
    (ns: number[]) => `[${ns.join(',')}]`,
    (ns: number[]) => `[${ns.join('; ')}]`,
    (ns: number[]) => ns.map((n) => `[${n}]`).join(''),
    (ns: number[]) => ns.map((n) => `【${n}】`).join(''),
  );
  const prose = fc.string({ maxLength: 15 }).filter((s) => !/[[\]【】]/.test(s));

  test.prop([fc.array(fc.tuple(prose, group, style), { maxLength: 5 }), prose])(
    'finds every number written in any marker style, in order, and nothing in plain prose',
    (parts, tail) => {
      const text = parts.map(([words, ns, write]) => `${words} ${write(ns)}`).join('') + tail;
      expect(findCitationMarkers(text).flatMap((m) => m.numbers)).toEqual(parts.flatMap(([, ns]) => ns));
      for (const m of findCitationMarkers(text)) expect(text.slice(m.start, m.end)).toMatch(/^[[【].*[\]】]$/);
    },
  );
});
