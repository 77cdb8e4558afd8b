import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkGrounding, type GroundingModel, type GroundingReport, parseGroundingModel } from '../src/index.js';
import { round } from './args.js';
import { bestThreshold, binaryScores, calibrationError, calibrationTable, rocAuc } from './binary-metrics.js';
import { runCorruption } from './corrupt.js';
import { analyseRecords, fitGroundingModel, type ModelKind } from './fit-grounding.js';
import {
  type GroundingRecord,
  type OtherLabels,
  readGroundingRecords,
  type SplitPart,
  selectPart,
} from './grounding-data.js';
import { wordOverlap } from './word-overlap.js';

const USAGE = [
  'usage: pnpm eval grounding --data FILE [--data FILE ...] [--part validation|fit|all] [--other-labels skip|unsupported]',
  '                           [--corrupt] [--json] [--predictions FILE] [--weights FILE]',
  '       pnpm eval grounding --fit FILE [FILE ...] --out WEIGHTS.json [--kind logistic|trees] [--other-labels skip|unsupported]',
].join('\n');

interface GroundingArgs {
  data: string[];
  part: SplitPart | 'all';
  otherLabels: OtherLabels;
  corrupt: boolean;
  json: boolean;
  predictions: string | undefined;
  weights: string | undefined;
  fit: string[] | null;
  out: string | undefined;
  kind: ModelKind;
}

function parse(args: string[]): GroundingArgs | string {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        data: { type: 'string', multiple: true },
        part: { type: 'string', default: 'validation' },
        'other-labels': { type: 'string', default: 'skip' },
        corrupt: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        predictions: { type: 'string' },
        weights: { type: 'string' },
        fit: { type: 'boolean', default: false },
        out: { type: 'string' },
        kind: { type: 'string', default: 'logistic' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.fit === true) {
      if (positionals.length === 0) throw new Error('--fit needs at least one labelled JSONL file');
      if (values.out === undefined) throw new Error('--fit needs --out WEIGHTS.json');
    } else if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
    else if (values.data === undefined || values.data.length === 0) throw new Error('--data is required');
    const part = values.part ?? 'validation';
    if (part !== 'validation' && part !== 'fit' && part !== 'all')
      throw new Error('--part: expected validation, fit or all');
    const kind = values.kind ?? 'logistic';
    if (kind !== 'trees' && kind !== 'logistic') throw new Error('--kind: expected trees or logistic');
    const other = values['other-labels'] ?? 'skip';
    if (other !== 'skip' && other !== 'unsupported') throw new Error('--other-labels: expected skip or unsupported');
    return {
      data: values.data ?? [],
      weights: values.weights,
      fit: values.fit === true ? positionals : null,
      out: values.out,
      kind,
      part,
      otherLabels: other,
      corrupt: values.corrupt ?? false,
      json: values.json ?? false,
      predictions: values.predictions,
    };
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
}

/** `pnpm eval grounding`: per file, the word-overlap baseline and the check on the chosen split part. */
export async function run(args: string[]): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  if (parsed.fit !== null) return fit(parsed.fit, parsed.out ?? '', parsed.otherLabels, parsed.kind);
  const model =
    parsed.weights === undefined ? undefined : parseGroundingModel(JSON.parse(readFileSync(parsed.weights, 'utf8')));
  const options = (r: GroundingRecord) => ({ question: r.question, ...(model === undefined ? {} : { model }) });
  const results: Record<string, unknown> = {};
  const predictions: string[] = [];
  for (const file of parsed.data) {
    const { records, skipped } = readGroundingRecords(file, parsed.otherLabels);
    if (Object.keys(skipped).length > 0) process.stderr.write(`${file}: skipped ${JSON.stringify(skipped)}\n`);
    const fit = selectPart(records, 'fit');
    const evaluated = selectPart(records, parsed.part);
    const reports = evaluated.map((r) => checkGrounding(r.answer, r.sources, options(r)));
    results[basename(file)] = evaluate(fit, evaluated, reports, parsed.part);
    if (parsed.corrupt)
      (results[basename(file)] as Record<string, unknown>).corruption = runCorruption(evaluated, model);
    evaluated.forEach((r, i) => {
      const report = reports[i];
      predictions.push(JSON.stringify({ id: r.id, supported: report?.supported, score: round(report?.score ?? 0) }));
    });
  }
  if (parsed.predictions !== undefined) writeFileSync(parsed.predictions, `${predictions.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(results, null, parsed.json ? 0 : 2)}\n`);
  return 0;
}

// Fits on the fit part of each file only; the validation part stays unseen.
function fit(files: readonly string[], out: string, otherLabels: OtherLabels, kind: ModelKind): number {
  const analysed = files.flatMap((file) => {
    const { records } = readGroundingRecords(file, otherLabels);
    return analyseRecords(file, selectPart(records, 'fit'));
  });
  const model: GroundingModel = fitGroundingModel(analysed, kind);
  writeFileSync(out, `${serialiseModel(model)}\n`);
  process.stderr.write(`wrote ${out}: ${model.features.length} features, threshold ${model.threshold}\n`);
  return 0;
}

// One line per tree (or per list) keeps the file small and still readable in a diff.
function serialiseModel(model: GroundingModel): string {
  const lines = Object.entries(model).map(([key, value]) =>
    key === 'trees' && Array.isArray(value)
      ? `"trees": [\n${value.map((t) => `  ${JSON.stringify(t)}`).join(',\n')}\n ]`
      : `"${key}": ${JSON.stringify(value)}`,
  );
  return `{\n ${lines.join(',\n ')}\n}`;
}

function evaluate(
  fit: readonly GroundingRecord[],
  evaluated: readonly GroundingRecord[],
  reports: readonly GroundingReport[],
  part: string,
): Record<string, unknown> {
  const actual = evaluated.map((r) => r.label === 'unsupported');
  // The baseline's threshold is fit on the fit part only, whichever part is evaluated.
  const overlapThreshold = bestThreshold(
    fit.map((r) => wordOverlap(r.answer, r.sources)),
    fit.map((r) => r.label === 'unsupported'),
  );
  const overlap = evaluated.map((r) => wordOverlap(r.answer, r.sources));
  const overlapScores = binaryScores(
    overlap.map((s) => s < overlapThreshold),
    actual,
  );
  const multi = evaluated.map((_, i) => (reports[i]?.sentences.filter((s) => s.factual).length ?? 0) > 1);
  // Calibration of the sentence model: the weakest sentence's probability (one-sentence answers: the sentence's).
  const calibration = calibrationTable(
    reports.map(weakest),
    actual.map((a) => !a),
  );
  return {
    part,
    n: evaluated.length,
    supported: actual.filter((a) => !a).length,
    unsupported: actual.filter((a) => a).length,
    wordOverlap: {
      threshold: round(overlapThreshold),
      balancedAccuracy: round(overlapScores.balancedAccuracy),
      auc: round(
        rocAuc(
          overlap.map((s) => 1 - s),
          actual,
        ),
      ),
    },
    check: checkFigures(reports, actual),
    answersOfSeveralSentences: checkFigures(
      reports.filter((_, i) => multi[i]),
      actual.filter((_, i) => multi[i]),
    ),
    calibration: {
      expectedError: round(calibrationError(calibration)),
      deciles: calibration.map((row) => ({
        decile: row.decile,
        n: row.n,
        predicted: round(row.meanPredicted, 3),
        observed: round(row.observed, 3),
      })),
    },
  };
}

function checkFigures(reports: readonly GroundingReport[], actual: readonly boolean[]): Record<string, unknown> {
  const predicted = reports.map((r) => !r.supported);
  const unsupported = binaryScores(predicted, actual);
  const supported = binaryScores(
    predicted.map((p) => !p),
    actual.map((a) => !a),
  );
  return {
    n: reports.length,
    balancedAccuracy: round(unsupported.balancedAccuracy),
    auc: round(
      rocAuc(
        reports.map((r) => 1 - r.score),
        actual,
      ),
    ),
    // Recall of the supported class: faithful answers the check leaves unflagged.
    keptFaithful: round(supported.recall),
    perClass: {
      supported: { precision: round(supported.precision), recall: round(supported.recall), f1: round(supported.f1) },
      unsupported: {
        precision: round(unsupported.precision),
        recall: round(unsupported.recall),
        f1: round(unsupported.f1),
      },
    },
  };
}

function weakest(report: GroundingReport): number {
  return Math.min(1, ...report.sentences.filter((s) => s.factual).map((s) => s.score));
}
