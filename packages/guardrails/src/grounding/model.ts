import { z } from 'zod';
import { FEATURE_NAMES, type FeatureName } from './feature-names.js';
import shipped from './weights.json' with { type: 'json' };

const shared = {
  features: z.array(z.enum(FEATURE_NAMES)).min(1),
  /** A sentence whose probability of being supported is below this is unsupported. */
  threshold: z.number().min(0).max(1),
  /**
   * The probabilities of the faithful fit sentences at 0%, 5%, ..., 100%: how often a faithful
   * sentence scores this low, which the answer-level score corrects for the number of sentences.
   */
  faithfulQuantiles: z.array(z.number().min(0).max(1)).min(2),
  /** What the model was fit on, for the record. */
  fitOn: z.record(z.string(), z.unknown()).optional(),
};

/** A fitted logistic regression over the sentence features. */
const LogisticModel = z.object({
  kind: z.literal('logistic-regression'),
  ...shared,
  /** Per feature: subtracted, then divided by scale, before the weights apply. */
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

/**
 * One node of a tree: `[feature, threshold, left, right]` (go left when the feature's value is at
 * most the threshold; left and right are node indices) or `[value]` for a leaf.
 */
const TreeNode = z.union([
  z.tuple([z.number().int().min(0), z.number(), z.number().int(), z.number().int()]),
  z.tuple([z.number()]),
]);

/** Gradient-boosted trees: the log-odds are base + learningRate x the sum of the trees' leaves. */
const BoostedTreesModel = z.object({
  kind: z.literal('gradient-boosted-trees'),
  ...shared,
  base: z.number(),
  learningRate: z.number().positive(),
  /** Each tree is its node list; node 0 is the root. */
  trees: z.array(z.array(TreeNode).min(1)).min(1),
});

/** A fitted sentence model, as `pnpm eval grounding --fit` writes it. */
export const GroundingModel = z.discriminatedUnion('kind', [LogisticModel, BoostedTreesModel]);
export type GroundingModel = z.infer<typeof GroundingModel>;

/** Checks a model read from JSON, naming the first problem (feature lists and trees must line up). */
export function parseGroundingModel(json: unknown): GroundingModel {
  const parsed = GroundingModel.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`grounding model: ${issue?.path.join('.') || 'model'}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  const n = m.features.length;
  if (m.kind === 'logistic-regression') {
    if (m.mean.length !== n || m.scale.length !== n || m.weights.length !== n)
      throw new Error(`grounding model: mean, scale and weights need ${n} values, one per feature`);
    return m;
  }
  m.trees.forEach((tree, t) => {
    for (const node of tree) {
      if (node.length === 1) continue;
      const [feature, , left, right] = node;
      if (feature >= n)
        throw new Error(`grounding model: trees.${t}: feature ${feature} is not one of the ${n} listed`);
      if (left <= 0 || right <= 0 || left >= tree.length || right >= tree.length)
        throw new Error(`grounding model: trees.${t}: a child index is outside the tree`);
    }
  });
  return m;
}

/** The model that ships with the package (fit on the fit parts of the three dev files). */
export const DEFAULT_GROUNDING_MODEL: GroundingModel = parseGroundingModel(shipped);

/** The probability that a sentence with these features is supported by its evidence. */
export function supportProbability(model: GroundingModel, features: Readonly<Record<FeatureName, number>>): number {
  let z: number;
  if (model.kind === 'logistic-regression') {
    z = model.bias;
    model.features.forEach((name, i) => {
      z += ((features[name] - (model.mean[i] ?? 0)) / (model.scale[i] ?? 1)) * (model.weights[i] ?? 0);
    });
  } else {
    const values = model.features.map((name) => features[name]);
    let sum = 0;
    for (const tree of model.trees) sum += leafOf(tree, values);
    z = model.base + model.learningRate * sum;
  }
  return 1 / (1 + Math.exp(-z));
}

function leafOf(tree: readonly (readonly number[])[], values: readonly number[]): number {
  let node = tree[0];
  // Children always sit after their parent, so the walk ends within the tree's length.
  for (let steps = 0; node !== undefined && steps < tree.length; steps++) {
    if (node.length === 1) return node[0] ?? 0;
    node = tree[(values[node[0] ?? 0] ?? 0) <= (node[1] ?? 0) ? (node[2] ?? 0) : (node[3] ?? 0)];
  }
  return 0;
}

/** The share of faithful sentences that score below `p` (linear between the stored quantiles). */
export function faithfulShareBelow(model: GroundingModel, p: number): number {
  const q = model.faithfulQuantiles;
  const last = q.length - 1;
  if (p <= (q[0] ?? 0)) return 0;
  if (p >= (q[last] ?? 1)) return 1;
  for (let i = 1; i <= last; i++) {
    const hi = q[i] ?? 1;
    if (p <= hi) {
      const lo = q[i - 1] ?? 0;
      const within = hi === lo ? 1 : (p - lo) / (hi - lo);
      return (i - 1 + within) / last;
    }
  }
  return 1;
}
