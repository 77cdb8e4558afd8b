import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { AnswerCitation } from './answer-types.js';
import { resolveCitations } from './citations.js';

const source = (n: number): AnswerCitation => ({
  n,
  articleId: `a${n}`,
  source: 'kb',
  title: `Article ${n}`,
  url: null,
  snippet: '',
});
const sources = [source(1), source(2), source(3)];
const numbersOf = (text: string) => resolveCitations(text, sources).citations.map((c) => c.n);

describe('resolveCitations', () => {
  it('returns the citations of a grouped marker such as [1, 2]', () => {
    const resolved = resolveCitations('Refunds reach your card within 5 business days [1, 2].', sources);
    expect(resolved.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(resolved.text).toBe('Refunds reach your card within 5 business days [1][2].');
  });

  it('reads adjacent, ranged and full-width markers', () => {
    expect(numbersOf('Refunds take 5 days [1][2].')).toEqual([1, 2]);
    expect(numbersOf('Refunds take 5 days [1-3].')).toEqual([1, 2, 3]);
    expect(numbersOf('Refunds take 5 days 【2】.')).toEqual([2]);
    expect(numbersOf('Refunds take 5 days [3; 1].')).toEqual([3, 1]);
  });

  it('removes numbers that name no source given, and a marker left empty with its space', () => {
    expect(resolveCitations('Refunds take 5 days [2, 7]. Ships in 3 days [9].', sources)).toEqual({
      text: 'Refunds take 5 days [2]. Ships in 3 days.',
      citations: [source(2)],
    });
  });

  it('leaves bracketed text that is not a citation alone', () => {
    expect(resolveCitations('Click [Save] on 2024-01-01 [2024-01-01].', sources)).toEqual({
      text: 'Click [Save] on 2024-01-01 [2024-01-01].',
      citations: [],
    });
  });

  const marker = fc.oneof(
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }).map((ns) => ({
      written: `[${ns.join(', ')}]`,
      numbers: ns,
    })),
    fc.integer({ min: 1, max: 9 }).map((n) => ({ written: `【${n}】`, numbers: [n] })),
    fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 })).map(([from, span]) => ({
      written: `[${from}-${from + span}]`,
      numbers: Array.from({ length: span + 1 }, (_, i) => from + i),
    })),
  );
  const prose = fc.string({ maxLength: 20 }).filter((s) => !/[[\]【】]/.test(s));

  test.prop([fc.array(fc.tuple(prose, marker), { maxLength: 6 })])(
    'cites exactly the given sources the markers name, in order of first use, and keeps only their markers',
    (parts) => {
      const text = parts.map(([words, m]) => `${words} ${m.written}`).join('');
      const named = [...new Set(parts.flatMap(([, m]) => m.numbers))].filter((n) => n <= sources.length);
      const resolved = resolveCitations(text, sources);
      expect(resolved.citations.map((c) => c.n)).toEqual(named);
      const left = [...resolved.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(new Set(left)).toEqual(new Set(named));
      expect(resolved.text).not.toMatch(/【/);
    },
  );
});
