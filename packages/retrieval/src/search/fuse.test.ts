import { describe, expect, it } from 'vitest';
import { fuse } from './fuse.js';

const ranked = (scores: [number, number][]) => scores.map(([chunkId, score]) => ({ chunkId, score }));
// Keyword prefers chunk 1 over chunk 2 by a clear but not overwhelming margin.
const keyword = ranked([
  [1, 10],
  [2, 8],
  [3, 5],
]);
const calibrated = { method: 'score', keywordWeight: 1, vectorWeight: 0.5, vectorSpread: 0.15 } as const;

describe('fuse', () => {
  it('lets a flat vector ranking barely move the keyword ranking once the spread is calibrated', () => {
    // Cosines within 0.01 of each other: no separation between the best and the rest.
    const flat = ranked([
      [3, 0.31],
      [2, 0.305],
      [1, 0.3],
    ]);
    expect(fuse(keyword, flat, calibrated).map((f) => f.chunkId)).toEqual([1, 2, 3]);
    // Stretched over the candidates' own range, the same noise overturns keyword's best hit.
    const stretched = { method: 'score', keywordWeight: 1, vectorWeight: 0.5 } as const;
    expect(fuse(keyword, flat, stretched)[0]?.chunkId).not.toBe(1);
  });

  it('lets a vector ranking that clearly separates its best candidate reorder close keyword calls', () => {
    const separated = ranked([
      [2, 0.62],
      [1, 0.4],
      [3, 0.38],
    ]);
    expect(fuse(keyword, separated, calibrated)[0]?.chunkId).toBe(2);
  });
});
