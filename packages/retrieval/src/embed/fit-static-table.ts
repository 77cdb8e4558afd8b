/** What the table is fitted to: texts as piece ids, and the model's vector of each text. */
export interface FitProblem {
  /** rows × dimensions, row-major: the starting table (piece vectors alone), also the prior. */
  initial: Float32Array;
  dimensions: number;
  /** Each training text as the ids of its pieces (id 0, unknown, is skipped). */
  texts: readonly (readonly number[])[];
  /** texts × dimensions: the model's vector of each text, in the table's space. */
  targets: Float32Array;
  /** Pull towards the starting table, per row; larger keeps rows nearer their piece-alone vectors. */
  lambda?: number;
  /** Each piece's weight in a text's mean (SIF); the fitted rows come back multiplied by it. */
  weights?: Float64Array;
  iterations?: number;
  onProgress?: (iteration: number, residual: number) => void;
}

/**
 * Fits the table so that the mean of a text's piece rows, which is what the static embedder
 * computes (up to length), lands on the model's own vector of that text (the Tokenlearn idea as
 * one ridge regression): minimise ||B·E − T||² + λ||E − E0||², where B holds each text's piece
 * frequencies divided by its length. The normal equations (BᵀB + λI)·E = BᵀT + λE0 are solved
 * by conjugate gradients, every column of E at once with its own step sizes, touching B only
 * through sparse products: tens of seconds for ~20k texts and 8k pieces.
 */
export function fitStaticTable(problem: FitProblem): Float32Array {
  const { dimensions: d, texts, targets } = problem;
  const rows = problem.initial.length / d;
  const lambda = problem.lambda ?? 1;
  const B = sparseRows(texts, problem.weights);
  // The prior's scale is matched to the targets first: piece vectors alone are not on the
  // scale of text vectors, and the penalty should pull towards their directions only.
  const prior = Float64Array.from(problem.initial);
  const predicted = multiply(B, prior, d, texts.length);
  let dot = 0;
  let square = 0;
  for (let i = 0; i < predicted.length; i++) {
    dot += (predicted[i] ?? 0) * (targets[i] ?? 0);
    square += (predicted[i] ?? 0) ** 2;
  }
  const scale = square > 0 ? dot / square : 1;
  for (let i = 0; i < prior.length; i++) prior[i] = (prior[i] ?? 0) * scale;

  // A(x) = BᵀB x + λx; right-hand side BᵀT + λE0.
  const apply = (x: Float64Array) => {
    const out = multiplyTransposed(B, multiply(B, x, d, texts.length), d, rows);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + lambda * (x[i] ?? 0);
    return out;
  };
  const rhs = multiplyTransposed(B, Float64Array.from(targets), d, rows);
  for (let i = 0; i < rhs.length; i++) rhs[i] = (rhs[i] ?? 0) + lambda * (prior[i] ?? 0);

  const x = Float64Array.from(prior);
  const ax = apply(x);
  const r = rhs.map((v, i) => v - (ax[i] ?? 0));
  const p = Float64Array.from(r);
  let rr = columnDots(r, r, d);
  const start = Math.sqrt(rr.reduce((s, v) => s + v, 0));
  for (let iteration = 1; iteration <= (problem.iterations ?? 60); iteration++) {
    const ap = apply(p);
    const pap = columnDots(p, ap, d);
    const alpha = rr.map((v, c) => ((pap[c] ?? 0) > 0 ? v / (pap[c] ?? 1) : 0));
    for (let i = 0; i < x.length; i++) {
      const c = i % d;
      x[i] = (x[i] ?? 0) + (alpha[c] ?? 0) * (p[i] ?? 0);
      r[i] = (r[i] ?? 0) - (alpha[c] ?? 0) * (ap[i] ?? 0);
    }
    const next = columnDots(r, r, d);
    const beta = next.map((v, c) => ((rr[c] ?? 0) > 0 ? v / (rr[c] ?? 1) : 0));
    for (let i = 0; i < p.length; i++) p[i] = (r[i] ?? 0) + (beta[i % d] ?? 0) * (p[i] ?? 0);
    rr = next;
    const residual = Math.sqrt(rr.reduce((s, v) => s + v, 0)) / (start || 1);
    problem.onProgress?.(iteration, residual);
    if (residual < 1e-4) break;
  }
  const weights = problem.weights;
  return Float32Array.from(x, (v, i) => v * (weights?.[Math.floor(i / d)] ?? 1));
}

interface SparseRows {
  offsets: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

// Each text's distinct pieces with count / length: the mean of its rows is one sparse row of B.
function sparseRows(texts: readonly (readonly number[])[], weights?: Float64Array): SparseRows {
  const offsets = new Int32Array(texts.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  texts.forEach((ids, t) => {
    const counts = new Map<number, number>();
    let n = 0;
    for (const id of ids) {
      if (id === 0) continue;
      const w = weights?.[id] ?? 1;
      counts.set(id, (counts.get(id) ?? 0) + w);
      n += w;
    }
    for (const [id, count] of counts) {
      columns.push(id);
      values.push(count / n);
    }
    offsets[t + 1] = columns.length;
  });
  return { offsets, columns: Int32Array.from(columns), values: Float64Array.from(values) };
}

// B·X: texts × d from rows × d.
function multiply(B: SparseRows, x: Float64Array, d: number, texts: number): Float64Array {
  const out = new Float64Array(texts * d);
  for (let t = 0; t < texts; t++) {
    const o = t * d;
    for (let k = B.offsets[t] ?? 0; k < (B.offsets[t + 1] ?? 0); k++) {
      const row = (B.columns[k] ?? 0) * d;
      const w = B.values[k] ?? 0;
      for (let c = 0; c < d; c++) out[o + c] = (out[o + c] ?? 0) + w * (x[row + c] ?? 0);
    }
  }
  return out;
}

// Bᵀ·Y: rows × d from texts × d.
function multiplyTransposed(B: SparseRows, y: Float64Array, d: number, rows: number): Float64Array {
  const out = new Float64Array(rows * d);
  const texts = B.offsets.length - 1;
  for (let t = 0; t < texts; t++) {
    const o = t * d;
    for (let k = B.offsets[t] ?? 0; k < (B.offsets[t + 1] ?? 0); k++) {
      const row = (B.columns[k] ?? 0) * d;
      const w = B.values[k] ?? 0;
      for (let c = 0; c < d; c++) out[row + c] = (out[row + c] ?? 0) + w * (y[o + c] ?? 0);
    }
  }
  return out;
}

function columnDots(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < a.length; i++) out[i % d] = (out[i % d] ?? 0) + (a[i] ?? 0) * (b[i] ?? 0);
  return out;
}
