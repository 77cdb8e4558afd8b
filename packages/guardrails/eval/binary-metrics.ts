/** ROC AUC of `scores` for predicting `positive` (higher score = more likely positive), ties counted half. */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const pairs = scores.map((s, i) => ({ s, p: positive[i] === true })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let i = 0;
  while (i < pairs.length) {
    let j = i;
    while (j < pairs.length && pairs[j]?.s === pairs[i]?.s) j++;
    const averageRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (pairs[k]?.p === true) rankSum += averageRank;
    i = j;
  }
  const nPos = pairs.filter((p) => p.p).length;
  const nNeg = pairs.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Balanced accuracy and precision/recall/F1 for the positive class. */
export function binaryScores(predicted: readonly boolean[], actual: readonly boolean[]) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  predicted.forEach((p, i) => {
    const a = actual[i] === true;
    if (p && a) tp++;
    else if (p) fp++;
    else if (a) fn++;
    else tn++;
  });
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const specificity = tn + fp === 0 ? 0 : tn / (tn + fp);
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { balancedAccuracy: (recall + specificity) / 2, precision, recall, f1 };
}

/** The threshold on `scores` (predict positive when score < threshold) with the highest balanced accuracy. */
export function bestThreshold(scores: readonly number[], positive: readonly boolean[]): number {
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  let best = 0.5;
  let bestBa = -1;
  for (let i = 0; i < candidates.length; i++) {
    const lo = candidates[i] ?? 0;
    const hi = candidates[i + 1] ?? lo + 1e-6;
    const threshold = (lo + hi) / 2;
    const ba = binaryScores(
      scores.map((s) => s < threshold),
      positive,
    ).balancedAccuracy;
    if (ba > bestBa) {
      bestBa = ba;
      best = threshold;
    }
  }
  return best;
}

/** One row of a calibration table: predicted probability vs the observed rate in a score decile. */
export interface CalibrationRow {
  decile: number;
  n: number;
  meanPredicted: number;
  observed: number;
}

/** Predicted probability of the positive class against the observed rate, by decile of the prediction. */
export function calibrationTable(probabilities: readonly number[], positive: readonly boolean[]): CalibrationRow[] {
  const order = probabilities.map((p, i) => ({ p, y: positive[i] === true })).sort((a, b) => a.p - b.p);
  const rows: CalibrationRow[] = [];
  for (let d = 0; d < 10; d++) {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    if (slice.length === 0) continue;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rows.push({
      decile: d + 1,
      n: slice.length,
      meanPredicted: mean(slice.map((x) => x.p)),
      observed: mean(slice.map((x) => (x.y ? 1 : 0))),
    });
  }
  return rows;
}

/** Expected calibration error over the rows of a calibration table (weighted by row size). */
export function calibrationError(rows: readonly CalibrationRow[]): number {
  const total = rows.reduce((a, r) => a + r.n, 0);
  return total === 0 ? 0 : rows.reduce((a, r) => a + (r.n / total) * Math.abs(r.meanPredicted - r.observed), 0);
}
