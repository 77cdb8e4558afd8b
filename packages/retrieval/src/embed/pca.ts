/** The first `k` principal axes of a set of vectors, strongest first, and their mean. */
export interface Pca {
  mean: Float64Array;
  /** k × dims, row-major, unit length. */
  axes: Float64Array;
  k: number;
}

/**
 * Principal component analysis of `rows` (n × dims, row-major) by the cyclic Jacobi method on
 * the covariance matrix: exact and short, and a 512 × 512 covariance takes a few seconds, which
 * a distillation run pays once.
 */
export function fitPca(rows: Float32Array, dims: number, k: number): Pca {
  const n = rows.length / dims;
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let d = 0; d < dims; d++) mean[d] = (mean[d] ?? 0) + (rows[r * dims + d] ?? 0) / n;
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < dims; d++) centred[d] = (rows[r * dims + d] ?? 0) - (mean[d] ?? 0);
    for (let i = 0; i < dims; i++) {
      const ci = centred[i] ?? 0;
      for (let j = i; j < dims; j++) cov[i * dims + j] = (cov[i * dims + j] ?? 0) + ci * (centred[j] ?? 0);
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i] ?? 0;
  const { values, vectors } = jacobiEigen(cov, dims);
  const order = [...values.keys()].sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0)).slice(0, k);
  const axes = new Float64Array(k * dims);
  order.forEach((column, row) => {
    for (let d = 0; d < dims; d++) axes[row * dims + d] = vectors[d * dims + column] ?? 0;
  });
  return { mean, axes, k };
}

/** Projects one vector onto the axes (after removing the mean). */
export function projectPca(pca: Pca, vector: ArrayLike<number>, out: Float32Array): void {
  const dims = pca.mean.length;
  for (let c = 0; c < pca.k; c++) {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += ((vector[d] ?? 0) - (pca.mean[d] ?? 0)) * (pca.axes[c * dims + d] ?? 0);
    out[c] = sum;
  }
}

// Eigen-decomposition of a symmetric matrix; eigenvectors are the columns of `vectors`.
function jacobiEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] ?? 0) ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] ?? 0;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = ((a[q * n + q] ?? 0) - (a[p * n + p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] ?? 0;
          const akq = a[k * n + q] ?? 0;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] ?? 0;
          const aqk = a[q * n + k] ?? 0;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] ?? 0;
          const vkq = v[k * n + q] ?? 0;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] ?? 0;
  return { values, vectors: v };
}
