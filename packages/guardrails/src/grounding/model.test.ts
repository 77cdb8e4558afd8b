import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, type FeatureName } from './feature-names.js';
import { DEFAULT_GROUNDING_MODEL, parseGroundingModel, supportProbability } from './model.js';

const features = (values: Partial<Record<FeatureName, number>>) =>
  Object.fromEntries(FEATURE_NAMES.map((n) => [n, values[n] ?? 0])) as Record<FeatureName, number>;

// One tree on coverage: below half the log-odds fall by 2, above they rise by 2.
const trees = {
  kind: 'gradient-boosted-trees',
  features: ['coverage'],
  base: 0,
  learningRate: 1,
  trees: [[[0, 0.5, 1, 2], [-2], [2]]],
  threshold: 0.5,
  faithfulQuantiles: [0, 1],
};

describe('grounding models', () => {
  it('scores with the shipped model: full coverage beats none', () => {
    const covered = supportProbability(
      DEFAULT_GROUNDING_MODEL,
      features({ coverage: 1, weightedCoverage: 1, windowCoverage: 1, charGramCoverage: 1 }),
    );
    const bare = supportProbability(DEFAULT_GROUNDING_MODEL, features({ logMissing: 2, lowCoverage: 0.5 }));
    expect(covered).toBeGreaterThan(bare);
  });
  it('reads a refit model of gradient-boosted trees and walks its trees', () => {
    const model = parseGroundingModel(trees);
    expect(supportProbability(model, features({ coverage: 0.9 }))).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(supportProbability(model, features({ coverage: 0.2 }))).toBeCloseTo(1 / (1 + Math.exp(2)));
  });
  it('names what is wrong with a model file', () => {
    expect(() => parseGroundingModel({ ...trees, trees: [[[0, 0.5, 1, 7], [-2], [2]]] })).toThrow(
      'grounding model: trees.0: a child index is outside the tree',
    );
    expect(() => parseGroundingModel({ ...trees, features: ['overlap'] })).toThrow(/grounding model: features\.0/);
    expect(() => parseGroundingModel({ ...trees, kind: 'forest' })).toThrow(/grounding model: kind/);
  });
});
