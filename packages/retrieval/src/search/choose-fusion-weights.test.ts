import { describe, expect, it } from 'vitest';
import { type CalibrationSample, chooseFusionWeights } from './choose-fusion-weights.js';

// Pseudo-queries built by hand. Each has its own chunks; chunk n belongs to the article named
// in the list below, and the source article is always 'S'. Vector cosines are 0.9 for the
// chunks the vector side favours and 0.5 for a filler, so every list has the same spread.
type Outcome = 'win' | 'small win' | 'loss' | 'tie';

function sample(outcome: Outcome, index: number, articleOf: Map<number, number>): CalibrationSample {
  const base = index * 10;
  const source = base; // article S of this pseudo-query
  const chunk = (offset: number) => {
    articleOf.set(base + offset, base + offset);
    return base + offset;
  };
  const s = chunk(0);
  const [a, b, z] = [chunk(1), chunk(2), chunk(3)];
  const list = (entries: [number, number][]) => entries.map(([chunkId, score]) => ({ chunkId, score }));
  // Keyword ranks the source third, behind articles A and B.
  const sourceThird = list([
    [a, 10],
    [b, 9.9],
    [s, 9.8],
  ]);
  switch (outcome) {
    // Keyword ranks the source first; the vector side lifts two other articles above it (1 → 3).
    case 'loss':
      return {
        articleId: source,
        keyword: list([
          [s, 10],
          [a, 9.9],
          [b, 9.8],
        ]),
        vector: list([
          [a, 0.9],
          [b, 0.9],
          [z, 0.5],
        ]),
      };
    // The vector side lifts the source past B only (3 → 2).
    case 'small win':
      return {
        articleId: source,
        keyword: sourceThird,
        vector: list([
          [a, 0.9],
          [s, 0.9],
          [z, 0.5],
        ]),
      };
    // The vector side puts the source first (3 → 1).
    case 'win':
      return {
        articleId: source,
        keyword: sourceThird,
        vector: list([
          [s, 0.9],
          [z, 0.5],
        ]),
      };
    case 'tie':
      return {
        articleId: source,
        keyword: list([[s, 10]]),
        vector: list([
          [s, 0.9],
          [z, 0.5],
        ]),
      };
  }
}

function samples(counts: Partial<Record<Outcome, number>>) {
  const articleOf = new Map<number, number>();
  const all: CalibrationSample[] = [];
  for (const [outcome, count] of Object.entries(counts) as [Outcome, number][])
    for (let i = 0; i < count; i++) all.push(sample(outcome, all.length, articleOf));
  return { all, articleOf };
}

describe('chooseFusionWeights', () => {
  it('turns the vector side off when it wins many queries by a little and loses a few by a lot', () => {
    // 30 small wins (+0.13 each) against 6 losses (-0.5 each): more wins than a fair coin gives
    // (the old sign test kept it), but a mean gain of 0.009 well inside its noise.
    const { all, articleOf } = samples({ 'small win': 30, loss: 6, tie: 64 });
    const chosen = chooseFusionWeights(all, articleOf);
    expect(chosen?.vectorWeight).toBe(0);
    expect(chosen?.hybridNdcg).toBe(chosen?.keywordNdcg);
  });

  it('keeps the vector side when it lifts the source article clearly on average', () => {
    const { all, articleOf } = samples({ win: 30, loss: 6, tie: 64 });
    const chosen = chooseFusionWeights(all, articleOf);
    expect(chosen?.vectorWeight).toBeGreaterThan(0);
    expect(chosen?.hybridNdcg).toBeGreaterThan(chosen?.keywordNdcg ?? 1);
  });

  it('stores nothing with fewer than 30 pseudo-queries', () => {
    const { all, articleOf } = samples({ win: 20, tie: 9 });
    expect(chooseFusionWeights(all, articleOf)).toBeUndefined();
  });
});
