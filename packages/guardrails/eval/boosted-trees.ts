/** A tree as the model stores it: `[feature, threshold, left, right]` or `[leafValue]`, root first. */
export type TreeNodes = ([number, number, number, number] | [number])[];

/** Options for fitBoostedTrees; the defaults are what the shipped model uses. */
export interface BoostingOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  /** Fewest rows a leaf may hold. */
  minLeaf?: number;
  /** L2 penalty on leaf values (Newton step denominators). */
  l2?: number;
  /** Candidate thresholds per feature: this many quantiles of its values. */
  bins?: number;
}

/**
 * Fits gradient-boosted trees for the logistic loss with Newton leaf values and histogram splits
 * on quantile thresholds. Deterministic: no sampling, ties broken by feature order.
 * `weights` lets each dataset and class count equally whatever their sizes.
 */
export function fitBoostedTrees(
  rows: readonly number[][],
  labels: readonly boolean[],
  weights: readonly number[],
  { trees = 200, depth = 2, learningRate = 0.05, minLeaf = 30, l2 = 1, bins = 32 }: BoostingOptions = {},
): { base: number; learningRate: number; trees: TreeNodes[] } {
  const n = rows.length;
  const dim = rows[0]?.length ?? 0;
  const cuts = Array.from({ length: dim }, (_, j) =>
    quantileCuts(
      rows.map((r) => r[j] ?? 0),
      bins,
    ),
  );
  // codes[j][i] = the first cut at or above the value, so value <= cuts[k] exactly when code <= k.
  const codes = cuts.map((c, j) => Int32Array.from(rows, (r) => lowerBound(c, r[j] ?? 0)));
  const y = labels.map((l) => (l ? 1 : 0));
  let positive = 0;
  let negative = 0;
  labels.forEach((l, i) => {
    if (l) positive += weights[i] ?? 1;
    else negative += weights[i] ?? 1;
  });
  const base = Math.log(positive / negative);
  const score = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const out: TreeNodes[] = [];
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(score[i] ?? 0)));
      const w = weights[i] ?? 1;
      g[i] = w * ((y[i] ?? 0) - p);
      h[i] = w * Math.max(p * (1 - p), 1e-9);
    }
    const nodes: TreeNodes = [];
    grow(
      Array.from({ length: n }, (_, i) => i),
      depth,
    );
    function grow(index: number[], left: number): number {
      const at = nodes.length;
      let G = 0;
      let H = 0;
      for (const i of index) {
        G += g[i] ?? 0;
        H += h[i] ?? 0;
      }
      const split = left === 0 ? null : bestSplit(index, G, H);
      if (split === null) {
        nodes.push([G / (H + l2)]);
        return at;
      }
      nodes.push([split.feature, cuts[split.feature]?.[split.code] ?? 0, 0, 0]);
      const code = codes[split.feature] as Int32Array;
      const l = grow(
        index.filter((i) => (code[i] ?? 0) <= split.code),
        left - 1,
      );
      const r = grow(
        index.filter((i) => (code[i] ?? 0) > split.code),
        left - 1,
      );
      nodes[at] = [split.feature, cuts[split.feature]?.[split.code] ?? 0, l, r];
      return at;
    }
    function bestSplit(index: readonly number[], G: number, H: number): { feature: number; code: number } | null {
      if (index.length < 2 * minLeaf) return null;
      let best: { feature: number; code: number } | null = null;
      let bestGain = 1e-6;
      const parent = (G * G) / (H + l2);
      for (let j = 0; j < dim; j++) {
        const c = cuts[j] as number[];
        const code = codes[j] as Int32Array;
        const gs = new Float64Array(c.length + 1);
        const hs = new Float64Array(c.length + 1);
        const cs = new Int32Array(c.length + 1);
        for (const i of index) {
          const k = code[i] ?? 0;
          gs[k] = (gs[k] ?? 0) + (g[i] ?? 0);
          hs[k] = (hs[k] ?? 0) + (h[i] ?? 0);
          cs[k] = (cs[k] ?? 0) + 1;
        }
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let k = 0; k < c.length; k++) {
          gl += gs[k] ?? 0;
          hl += hs[k] ?? 0;
          nl += cs[k] ?? 0;
          if (nl < minLeaf || index.length - nl < minLeaf) continue;
          const gain = (gl * gl) / (hl + l2) + ((G - gl) * (G - gl)) / (H - hl + l2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            best = { feature: j, code: k };
          }
        }
      }
      return best;
    }
    for (let i = 0; i < n; i++) score[i] = (score[i] ?? 0) + learningRate * leafValue(nodes, rows[i] ?? []);
    out.push(nodes);
  }
  return { base, learningRate, trees: out };
}

/** The leaf a row reaches in one tree. */
export function leafValue(nodes: TreeNodes, row: readonly number[]): number {
  let node = nodes[0];
  while (node !== undefined && node.length === 4) node = nodes[(row[node[0]] ?? 0) <= node[1] ? node[2] : node[3]];
  return node?.[0] ?? 0;
}

// Distinct quantiles from 2% to 98%, so a split never isolates a handful of extreme rows.
function quantileCuts(values: readonly number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out = new Set<number>();
  for (let k = 0; k < bins; k++) {
    const q = 0.02 + (0.96 * k) / (bins - 1);
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const a = sorted[lo] ?? 0;
    const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
    // Rounded here, before rows are coded, so the stored thresholds send every row where the fit did.
    out.add(Math.round((a + (b - a) * (pos - lo)) * 1e6) / 1e6);
  }
  return [...out].sort((a, b) => a - b);
}

function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
