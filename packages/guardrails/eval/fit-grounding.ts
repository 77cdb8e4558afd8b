import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { type AnalysedSentence, analyseAnswer } from '../src/grounding/check.js';
import { FEATURE_NAMES, type FeatureName } from '../src/grounding/feature-names.js';
import { type GroundingModel, supportProbability } from '../src/grounding/model.js';
import { round } from './args.js';
import { binaryScores } from './binary-metrics.js';
import { fitBoostedTrees } from './boosted-trees.js';
import { type GroundingRecord, groupKey } from './grounding-data.js';
import { fitLogistic } from './logistic.js';

interface Analysed {
  file: string;
  record: GroundingRecord;
  sentences: AnalysedSentence[];
}

/** Which model `--fit` writes. */
export type ModelKind = 'trees' | 'logistic';

/** Features of each factual sentence of each record (records without a claim are left out). */
export function analyseRecords(file: string, records: readonly GroundingRecord[]): Analysed[] {
  return records
    .map((record) => ({
      file,
      record,
      sentences: analyseAnswer(record.answer, record.sources, { question: record.question }).filter(
        (s) => s.features !== null,
      ),
    }))
    .filter((a) => a.sentences.length > 0);
}

const vector = (s: AnalysedSentence): number[] => FEATURE_NAMES.map((name) => s.features?.[name] ?? 0);

interface Rows {
  rows: number[][];
  labels: boolean[];
  files: string[];
}

/**
 * Fits the sentence model on answer-level labels. Every sentence of a supported answer is supported;
 * a one-sentence unsupported answer is an unsupported sentence; for an unsupported answer of several
 * sentences, the sentence a first logistic model finds weakest is taken as the unsupported one (one
 * round of multiple-instance learning). Each file's supported and unsupported sentences weigh the
 * same in total, so no dataset or class dominates. The threshold maximises the mean per-file
 * balanced accuracy.
 */
export function fitGroundingModel(analysed: readonly Analysed[], kind: ModelKind = 'logistic', l2 = 1): GroundingModel {
  const unthresholded = fitUnthresholded(analysed, kind, l2);
  // The threshold comes from out-of-fold probabilities (5 folds by group): an in-sample fit is more
  // confident than it will be on new answers, and so is a threshold chosen on it.
  const fold = (a: Analysed) => createHash('md5').update(groupKey(a.record)).digest().readUInt32BE(0) % FOLDS;
  const outOfFold = new Map<Analysed, number>();
  for (let k = 0; k < FOLDS; k++) {
    const m = fitUnthresholded(
      analysed.filter((a) => fold(a) !== k),
      kind,
      l2,
    ).model;
    for (const a of analysed)
      if (fold(a) === k) outOfFold.set(a, Math.min(...a.sentences.map((s) => probability(m, s))));
  }
  // Class-balanced weights put every file's 0.5 at its balanced point, not at how often its answers
  // are supported, and an in-sample fit is over-confident: a scale and shift of the log-odds, fit on
  // the out-of-fold probabilities with each file weighing the same, makes them probabilities again.
  // It is monotone, so it moves the threshold but flags the same answers.
  const recalibration = fitRecalibration(analysed, (a) => outOfFold.get(a) ?? 1);
  const calibrated = (p: number) => recalibrate(p, recalibration);
  const threshold = chooseThreshold(analysed, (a) => calibrated(outOfFold.get(a) ?? 1));
  const data = unthresholded.data;
  const model = rescaleModel(unthresholded.model, recalibration);
  const faithful = data.rows
    .filter((_, i) => data.labels[i])
    .map((row) =>
      supportProbability(
        model,
        Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, row[j] ?? 0])) as Record<FeatureName, number>,
      ),
    )
    .sort((a, b) => a - b);
  const faithfulQuantiles = Array.from({ length: 21 }, (_, i) =>
    round(faithful[Math.min(faithful.length - 1, Math.round((i / 20) * (faithful.length - 1)))] ?? 0, 4),
  );
  const files = [...new Set(analysed.map((a) => a.file))];
  return {
    ...model,
    threshold: round(threshold, 4),
    faithfulQuantiles,
    fitOn: {
      files: files.map((f) => basename(f)),
      part: 'fit (70% of groups by sha1 of the group key)',
      answers: analysed.length,
      sentences: data.rows.length,
      weighting: 'each file and class weighs the same',
      threshold: `out-of-fold, ${FOLDS} folds by group`,
      recalibration: { scale: round(recalibration.scale, 4), shift: round(recalibration.shift, 4) },
      ...(kind === 'logistic' ? { l2 } : { trees: 200, depth: 2, minLeaf: 30 }),
    },
  };
}

const FOLDS = 5;

function fitUnthresholded(
  analysed: readonly Analysed[],
  kind: ModelKind,
  l2: number,
): { model: GroundingModel; data: Rows } {
  const data: Rows = { rows: [], labels: [], files: [] };
  const add = (a: Analysed, s: AnalysedSentence, label: boolean): void => {
    data.rows.push(vector(s));
    data.labels.push(label);
    data.files.push(a.file);
  };
  for (const a of analysed) {
    if (a.record.label === 'supported') for (const s of a.sentences) add(a, s, true);
    else if (a.sentences.length === 1) add(a, a.sentences[0] as AnalysedSentence, false);
  }
  const first = logisticModel(fitLogistic(data.rows, data.labels, l2, 50, balancedWeights(data)), 0.5, [0, 1], {});
  for (const a of analysed) {
    if (a.record.label !== 'unsupported' || a.sentences.length < 2) continue;
    const weakest = [...a.sentences].sort((x, y) => probability(first, x) - probability(first, y))[0];
    if (weakest !== undefined) add(a, weakest, false);
  }
  const weights = balancedWeights(data);
  const unthresholded =
    kind === 'logistic'
      ? logisticModel(fitLogistic(data.rows, data.labels, l2, 50, weights), 0.5, [0, 1], {})
      : treesModel(fitBoostedTrees(data.rows, data.labels, weights));
  return { model: unthresholded, data };
}

// Weight 1 / (count of the row's file and class), scaled so the weights sum to the row count.
function balancedWeights({ labels, files }: Rows): number[] {
  const counts = new Map<string, number>();
  const key = (i: number) => `${files[i]}\u0000${labels[i]}`;
  for (let i = 0; i < labels.length; i++) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return labels.map((_, i) => labels.length / (counts.size * (counts.get(key(i)) ?? 1)));
}

function logisticModel(
  fit: ReturnType<typeof fitLogistic>,
  threshold: number,
  faithfulQuantiles: number[],
  fitOn: Record<string, unknown>,
): GroundingModel {
  return {
    kind: 'logistic-regression',
    features: [...FEATURE_NAMES],
    mean: fit.mean.map((v) => round(v, 6)),
    scale: fit.scale.map((v) => round(v, 6)),
    weights: fit.weights.map((v) => round(v, 6)),
    bias: round(fit.bias, 6),
    threshold: round(threshold, 4),
    faithfulQuantiles,
    fitOn,
  };
}

function treesModel(fit: ReturnType<typeof fitBoostedTrees>): GroundingModel {
  return {
    kind: 'gradient-boosted-trees',
    features: [...FEATURE_NAMES],
    base: round(fit.base, 6),
    learningRate: fit.learningRate,
    // Thresholds are already rounded by the fit; leaves are rounded here (a change far below the threshold's).
    trees: fit.trees.map((tree) => tree.map((node) => (node.length === 1 ? [round(node[0], 5)] : node))),
    threshold: 0.5,
    faithfulQuantiles: [0, 1],
  };
}

interface Recalibration {
  scale: number;
  shift: number;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

function recalibrate(p: number, { scale, shift }: Recalibration): number {
  return 1 / (1 + Math.exp(-(scale * logit(p) + shift)));
}

// Platt scaling of the weakest sentence's out-of-fold probability against the answer's label.
function fitRecalibration(analysed: readonly Analysed[], weakestOf: (a: Analysed) => number): Recalibration {
  const perFile = new Map<string, number>();
  for (const a of analysed) perFile.set(a.file, (perFile.get(a.file) ?? 0) + 1);
  const fit = fitLogistic(
    analysed.map((a) => [logit(weakestOf(a))]),
    analysed.map((a) => a.record.label === 'supported'),
    0,
    50,
    analysed.map((a) => analysed.length / (perFile.size * (perFile.get(a.file) ?? 1))),
  );
  const [w = 1] = fit.weights;
  const [mean = 0] = fit.mean;
  const [sd = 1] = fit.scale;
  // fitLogistic standardises its input: undo that to get a scale and shift of the raw log-odds.
  const scale = w / sd;
  // A reversed scale would mean the model ranks worse than chance out of fold: keep it as it is.
  return scale > 0 ? { scale, shift: fit.bias - scale * mean } : { scale: 1, shift: 0 };
}

// Folds the recalibration into the model, so the shipped file keeps its shape.
function rescaleModel(model: GroundingModel, { scale, shift }: Recalibration): GroundingModel {
  if (model.kind === 'logistic-regression')
    return {
      ...model,
      weights: model.weights.map((w) => round(w * scale, 6)),
      bias: round(model.bias * scale + shift, 6),
    };
  return { ...model, base: round(model.base * scale + shift, 6), learningRate: model.learningRate * scale };
}

function probability(model: GroundingModel, s: AnalysedSentence): number {
  return s.features === null ? 1 : supportProbability(model, s.features);
}

const SMOOTHING = 3;

// An answer is flagged when its weakest sentence is below the threshold (the sentence decision).
function chooseThreshold(analysed: readonly Analysed[], weakestOf: (a: Analysed) => number): number {
  const files = [...new Set(analysed.map((a) => a.file))];
  const byFile = files.map((file) => {
    const mine = analysed.filter((a) => a.file === file);
    return {
      weakest: mine.map(weakestOf),
      unsupported: mine.map((a) => a.record.label === 'unsupported'),
    };
  });
  const grid = Array.from({ length: 91 }, (_, i) => round(0.05 + i * 0.01, 2));
  const meanBa = grid.map(
    (t) =>
      byFile.reduce(
        (sum, f) =>
          sum +
          binaryScores(
            f.weakest.map((p) => p < t),
            f.unsupported,
          ).balancedAccuracy,
        0,
      ) / byFile.length,
  );
  // The best single point of a few hundred answers per file is partly luck: take the middle of the
  // best plateau instead (the mean over +-0.03 around each threshold).
  const smoothed = meanBa.map((_, i) => {
    const near = meanBa.slice(Math.max(0, i - SMOOTHING), i + SMOOTHING + 1);
    return near.reduce((a, b) => a + b, 0) / near.length;
  });
  let best = 0.5;
  let bestBa = -1;
  smoothed.forEach((ba, i) => {
    if (ba > bestBa + 1e-9) {
      bestBa = ba;
      best = grid[i] ?? best;
    }
  });
  return best;
}
