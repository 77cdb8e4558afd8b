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
