import { z } from 'zod';
import { FEATURE_NAMES, type FeatureName } from './feature-names.js';
import shipped from './weights.json' with { type: 'json' };

/** A fitted logistic regression over the sentence features, as `pnpm eval grounding --fit` writes it. */
export const GroundingModel = z.object({
  kind: z.literal('logistic-regression'),
  features: z.array(z.enum(FEATURE_NAMES)).min(1),
  /** Per feature: subtracted, then divided by scale, before the weights apply. */
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** A sentence whose probability of being supported is below this is unsupported. */
  threshold: z.number().min(0).max(1),
  /**
   * The probabilities of the faithful fit sentences at 0%, 5%, ..., 100%: how often a faithful
   * sentence scores this low, which the answer-level score corrects for the number of sentences.
   */
  faithfulQuantiles: z.array(z.number().min(0).max(1)).min(2),
  /** What the weights were fit on, for the record. */
  fitOn: z.record(z.string(), z.unknown()).optional(),
});
export type GroundingModel = z.infer<typeof GroundingModel>;

/** Checks a model read from JSON, naming the first problem (feature lists must line up). */
export function parseGroundingModel(json: unknown): GroundingModel {
  const parsed = GroundingModel.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`grounding model: ${issue?.path.join('.') || 'model'}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  const n = m.features.length;
  if (m.mean.length !== n || m.scale.length !== n || m.weights.length !== n)
    throw new Error(`grounding model: mean, scale and weights need ${n} values, one per feature`);
  return m;
}

/** The model that ships with the package (fit on the fit parts of the three dev files). */
export const DEFAULT_GROUNDING_MODEL: GroundingModel = parseGroundingModel(shipped);

/** The probability that a sentence with these features is supported by its evidence. */
export function supportProbability(model: GroundingModel, features: Readonly<Record<FeatureName, number>>): number {
  let z = model.bias;
  model.features.forEach((name, i) => {
    z += ((features[name] - (model.mean[i] ?? 0)) / (model.scale[i] ?? 1)) * (model.weights[i] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
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
