import { basename } from 'node:path';
import { type AnalysedSentence, analyseAnswer } from '../src/grounding/check.js';
import { FEATURE_NAMES, type FeatureName } from '../src/grounding/feature-names.js';
import { type GroundingModel, supportProbability } from '../src/grounding/model.js';
import { round } from './args.js';
import { binaryScores } from './binary-metrics.js';
import type { GroundingRecord } from './grounding-data.js';
import { fitLogistic } from './logistic.js';

interface Analysed {
  file: string;
  record: GroundingRecord;
  sentences: AnalysedSentence[];
}

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

/**
 * Fits the sentence model on answer-level labels. Every sentence of a supported answer is supported;
 * a one-sentence unsupported answer is an unsupported sentence; for an unsupported answer of several
 * sentences, the sentence the first model finds weakest is taken as the unsupported one (one round of
 * multiple-instance learning). The threshold maximises the mean per-file balanced accuracy.
 */
export function fitGroundingModel(analysed: readonly Analysed[], l2 = 1): GroundingModel {
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const a of analysed) {
    if (a.record.label === 'supported') for (const s of a.sentences) add(s, true);
    else if (a.sentences.length === 1) add(a.sentences[0] as AnalysedSentence, false);
  }
  function add(s: AnalysedSentence, label: boolean): void {
    rows.push(vector(s));
    labels.push(label);
  }
  const first = toModel(fitLogistic(rows, labels, l2), 0.5, [0, 1], {});
  for (const a of analysed) {
    if (a.record.label !== 'unsupported' || a.sentences.length < 2) continue;
    const weakest = [...a.sentences].sort((x, y) => probability(first, x) - probability(first, y))[0];
    if (weakest !== undefined) add(weakest, false);
  }
  const fit = fitLogistic(rows, labels, l2);
  const unthresholded = toModel(fit, 0.5, [0, 1], {});
  const threshold = chooseThreshold(analysed, unthresholded);
  const faithful = rows
    .filter((_, i) => labels[i])
    .map((row) =>
      supportProbability(
        unthresholded,
        Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, row[j] ?? 0])) as Record<FeatureName, number>,
      ),
    )
    .sort((a, b) => a - b);
  const faithfulQuantiles = Array.from({ length: 21 }, (_, i) =>
    round(faithful[Math.min(faithful.length - 1, Math.round((i / 20) * (faithful.length - 1)))] ?? 0, 4),
  );
  const files = [...new Set(analysed.map((a) => a.file))];
  return toModel(fit, threshold, faithfulQuantiles, {
    files: files.map((f) => basename(f)),
    part: 'fit (70% of groups by sha1 of the group key)',
    answers: analysed.length,
    sentences: rows.length,
    l2,
  });
}

function toModel(
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

function probability(model: GroundingModel, s: AnalysedSentence): number {
  return s.features === null ? 1 : supportProbability(model, s.features);
}

// An answer is flagged when its weakest sentence is below the threshold (the sentence decision).
function chooseThreshold(analysed: readonly Analysed[], model: GroundingModel): number {
  const files = [...new Set(analysed.map((a) => a.file))];
  const byFile = files.map((file) => {
    const mine = analysed.filter((a) => a.file === file);
    return {
      weakest: mine.map((a) => Math.min(...a.sentences.map((s) => probability(model, s)))),
      unsupported: mine.map((a) => a.record.label === 'unsupported'),
    };
  });
  let best = 0.5;
  let bestBa = -1;
  for (let t = 0.05; t < 0.95; t += 0.01) {
    const ba =
      byFile.reduce(
        (sum, f) =>
          sum +
          binaryScores(
            f.weakest.map((p) => p < t),
            f.unsupported,
          ).balancedAccuracy,
        0,
      ) / byFile.length;
    if (ba > bestBa + 1e-9) {
      bestBa = ba;
      best = t;
    }
  }
  return best;
}
