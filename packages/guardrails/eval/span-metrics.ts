/** A labelled or predicted span in dataset offsets. */
export interface EvalSpan {
  label: string;
  start: number;
  end: number;
}

/** Support, precision, recall, F1 and F2 for one entity type. */
export interface TypeScores {
  support: number;
  precision: number;
  recall: number;
  f1: number;
  f2: number;
}

/** Running counts for one entity type under one matching rule. */
export interface Counts {
  support: number;
  predicted: number;
  goldHit: number;
  predHit: number;
}

type Match = (a: EvalSpan, b: EvalSpan) => boolean;

/** Any shared character counts as a match. */
export const overlaps: Match = (a, b) => a.start < b.end && b.start < a.end;
/** Only identical boundaries count. */
export const sameBoundaries: Match = (a, b) => a.start === b.start && a.end === b.end;

/**
 * Adds one record: recall counts gold spans hit by a prediction, precision counts predictions that
 * hit a gold span, so one long prediction covering three gold fragments is one correct prediction.
 */
export function addRecord(
  counts: Counts,
  gold: readonly EvalSpan[],
  predicted: readonly EvalSpan[],
  match: Match,
): void {
  counts.support += gold.length;
  counts.predicted += predicted.length;
  counts.goldHit += gold.filter((g) => predicted.some((p) => match(g, p))).length;
  counts.predHit += predicted.filter((p) => gold.some((g) => match(g, p))).length;
}

/** Turns counts into scores; an empty denominator scores 0. */
export function scores(c: Counts): TypeScores {
  const precision = c.predicted === 0 ? 0 : c.predHit / c.predicted;
  const recall = c.support === 0 ? 0 : c.goldHit / c.support;
  const fBeta = (beta: number): number =>
    precision + recall === 0 ? 0 : ((1 + beta ** 2) * precision * recall) / (beta ** 2 * precision + recall);
  return { support: c.support, precision, recall, f1: fBeta(1), f2: fBeta(2) };
}

/** Fresh zero counts. */
export function emptyCounts(): Counts {
  return { support: 0, predicted: 0, goldHit: 0, predHit: 0 };
}
