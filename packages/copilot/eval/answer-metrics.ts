import { percentile } from '@support/retrieval/eval';

/** What one question's run produced, reduced to what the metrics need. */
export interface QuestionOutcome {
  id: string;
  question: string;
  /** Articles the answer cites (external ids, distinct). */
  cited: string[];
  judged: string[];
  abstained: boolean;
  grounded: boolean;
  /** Token F1 against the reference answer; undefined when the set has none for this question. */
  f1: number | undefined;
  answer: string;
  /** Milliseconds per pipeline stage (only stages that ran). */
  stages: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** The summary `pnpm eval answers --json` prints. */
export interface AnswerEvalSummary {
  n: number;
  hitRate: number;
  citation: { precision: number; recall: number };
  groundedRate: number;
  abstentionRate: number;
  answerF1?: number;
  latencyMs: Record<string, { p50: number; p95: number }>;
  costUsd: number;
  tokens: { prompt: number; completion: number };
}

/** The answer cites at least one article judged to answer the question. */
export const isHit = (o: QuestionOutcome): boolean => o.cited.some((id) => o.judged.includes(id));

/** hit, miss (answered without citing a judged article) or abstained. */
export function outcomeOf(o: QuestionOutcome): 'hit' | 'miss' | 'abstained' {
  return o.abstained ? 'abstained' : isHit(o) ? 'hit' : 'miss';
}

/**
 * Aggregates per-question outcomes. Hit rate, recall and abstention are over every question (an
 * abstention counts as a miss); citation precision and the grounded rate are over the answers that
 * were given (precision: those citing something), since an abstention cites nothing to be wrong about.
 */
export function summarise(outcomes: QuestionOutcome[]): AnswerEvalSummary {
  const n = outcomes.length;
  const answered = outcomes.filter((o) => !o.abstained);
  const citing = answered.filter((o) => o.cited.length > 0);
  const overlap = (o: QuestionOutcome) => o.cited.filter((id) => o.judged.includes(id)).length;
  const withReference = outcomes.filter((o) => o.f1 !== undefined);
  const stages = [...new Set(outcomes.flatMap((o) => Object.keys(o.stages)))];
  return {
    n,
    hitRate: round(share(outcomes, isHit)),
    citation: {
      precision: round(mean(citing.map((o) => overlap(o) / o.cited.length))),
      recall: round(mean(outcomes.map((o) => (o.judged.length === 0 ? 0 : overlap(o) / o.judged.length)))),
    },
    groundedRate: round(share(answered, (o) => o.grounded)),
    abstentionRate: round(share(outcomes, (o) => o.abstained)),
    ...(withReference.length > 0 ? { answerF1: round(mean(withReference.map((o) => o.f1 ?? 0))) } : {}),
    latencyMs: Object.fromEntries(
      stages.map((stage) => {
        const values = outcomes.flatMap((o) => (o.stages[stage] === undefined ? [] : [o.stages[stage]]));
        return [stage, { p50: round(percentile(values, 0.5), 1), p95: round(percentile(values, 0.95), 1) }];
      }),
    ),
    costUsd: round(
      outcomes.reduce((sum, o) => sum + o.costUsd, 0),
      6,
    ),
    tokens: {
      prompt: outcomes.reduce((sum, o) => sum + o.promptTokens, 0),
      completion: outcomes.reduce((sum, o) => sum + o.completionTokens, 0),
    },
  };
}

/**
 * SQuAD-style token F1: lower-cased, punctuation, articles and citation markers removed, tokens
 * compared as a bag. An empty prediction scores 0 (an abstention has no answer in it).
 */
export function tokenF1(prediction: string, reference: string): number {
  const predicted = answerTokens(prediction);
  const expected = answerTokens(reference);
  if (predicted.length === 0 || expected.length === 0) return 0;
  const remaining = new Map<string, number>();
  for (const token of expected) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = remaining.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      remaining.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

function answerTokens(text: string): string[] {
  return text
    .replace(/\[\d+\]/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}$]+/u)
    .filter((token) => token !== '' && token !== '$' && !ARTICLES.has(token));
}

const ARTICLES = new Set(['a', 'an', 'the']);

const share = <T>(rows: T[], pick: (row: T) => boolean) =>
  rows.length === 0 ? 0 : rows.filter(pick).length / rows.length;
const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
const round = (v: number, digits = 4) => Number(v.toFixed(digits));
