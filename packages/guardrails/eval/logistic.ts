/** A logistic regression fit on standardised features: weights per feature, a bias, and the scaling used. */
export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/**
 * Fits L2-regularised logistic regression by Newton's method (IRLS). Deterministic: no random
 * start, no sampling. `l2` is the penalty on the standardised weights (not on the bias).
 */
export function fitLogistic(
  rows: readonly number[][],
  labels: readonly boolean[],
  l2 = 1,
  iterations = 50,
  sampleWeights: readonly number[] = [],
): LogisticFit {
  const d = rows[0]?.length ?? 0;
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows)
    row.forEach((v, j) => {
      mean[j] = (mean[j] ?? 0) + v / n;
    });
  for (const row of rows)
    row.forEach((v, j) => {
      scale[j] = (scale[j] ?? 0) + (v - (mean[j] ?? 0)) ** 2 / n;
    });
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] ?? 0) || 1;
  const x = rows.map((row) => [1, ...row.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1))]);
  const y = labels.map((l) => (l ? 1 : 0));
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    x.forEach((xi, i) => {
      const z = xi.reduce((a, v, j) => a + v * (beta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const sw = sampleWeights[i] ?? 1;
      const w = sw * Math.max(p * (1 - p), 1e-9);
      const r = sw * ((y[i] ?? 0) - p);
      for (let a = 0; a <= d; a++) {
        gradient[a] = (gradient[a] ?? 0) + (xi[a] ?? 0) * r;
        const row = hessian[a] as number[];
        for (let b = 0; b <= d; b++) row[b] = (row[b] ?? 0) + w * (xi[a] ?? 0) * (xi[b] ?? 0);
      }
    });
    for (let a = 1; a <= d; a++) {
      gradient[a] = (gradient[a] ?? 0) - l2 * (beta[a] ?? 0);
      (hessian[a] as number[])[a] = ((hessian[a] as number[])[a] ?? 0) + l2;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + (step[j] ?? 0));
    if (step.every((s) => Math.abs(s) < 1e-8)) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0] ?? 0 };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const top = m[c] as number[];
    const diag = top[c] ?? 1;
    for (let r = c + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[c] ?? 0) / diag;
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (top[k] ?? 0);
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] ?? 0;
    for (let k = r + 1; k < n; k++) s -= (row[k] ?? 0) * (out[k] ?? 0);
    out[r] = s / (row[r] ?? 1);
  }
  return out;
}
