import type { Queryable } from '@support/db';
import { z } from 'zod';
import { groupQuestions } from './group-questions.js';
import { periodDays, type StatsPeriod } from './stats-period.js';
import {
  type AnswerFigures,
  readAnswerFigures,
  readMostCited,
  readNeverCited,
  readUnansweredQuestions,
} from './stats-sql.js';

const Count = z.number().int();
const Rate = z.number().nullable();

/** What the answers of a period (or of one bucket of it) add up to. */
export const PeriodFigures = z.object({
  answers: Count.describe('Answers logged, cache hits included'),
  byDoor: z
    .object({ api: Count, widget: Count, slack: Count, unknown: Count })
    .describe('Answers per door; unknown: logged before doors were recorded'),
  rated: Count.describe('Answers with feedback (the latest rating of each counts)'),
  helpful: Count,
  helpfulRate: Rate.describe('helpful / rated; null when nothing was rated'),
  abstained: Count,
  abstentionRate: Rate.describe('abstained / answers; null without answers'),
  cacheHits: Count,
  cacheHitRate: Rate.describe('cacheHits / answers; null without answers'),
  latencyMs: z.object({ p50: Rate, p95: Rate }).describe('Time to answer (the whole pipeline, as logged)'),
  costUsd: z.number().describe('Model cost of the answers (LLM_PRICES); 0 for extractive answers and cache hits'),
});
export type PeriodFigures = z.infer<typeof PeriodFigures>;

/** Business metrics over a period of the answer log: the admin dashboard's figures. */
export const BusinessStats = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  bucket: z.enum(['day', 'week']),
  totals: PeriodFigures.extend({
    costPerAnswerUsd: Rate,
    costPerDayUsd: z.number().describe('costUsd / the length of the period in days'),
  }),
  series: z.array(PeriodFigures.extend({ start: z.string().describe('First day of the bucket, UTC (YYYY-MM-DD)') })),
  contentGaps: z
    .array(
      z.object({
        question: z.string().describe('The most asked wording, as logged (redacted)'),
        asked: Count,
        abstained: Count,
        notHelpful: Count,
        lastAskedAt: z.iso.datetime(),
        variants: z.array(z.string()),
      }),
    )
    .describe('Questions left unanswered (abstained, or rated not helpful), similar ones grouped, most asked first'),
  mostCited: z.array(z.object({ source: z.string(), articleId: z.string(), title: z.string(), citations: Count })),
  neverCited: z.object({
    count: Count.describe('Articles no answer of the period cited'),
    articles: z.array(z.object({ source: z.string(), articleId: z.string(), title: z.string() })),
  }),
});
export type BusinessStats = z.infer<typeof BusinessStats>;

/** How long the lists are. */
export interface BusinessStatsLimits {
  gaps?: number;
  cited?: number;
  neverCited?: number;
}

// The gap list groups at most this many of the newest unanswered questions: enough for any
// team's month, and the grouping stays a few milliseconds.
const MAX_GAP_ROWS = 5000;

/** Reads the period's figures, series, content gaps and citation counts (four statements). */
export async function readBusinessStats(
  db: Queryable,
  period: StatsPeriod,
  limits: BusinessStatsLimits = {},
): Promise<BusinessStats> {
  const [figures, unanswered, mostCited, neverCited] = await Promise.all([
    readAnswerFigures(db, period),
    readUnansweredQuestions(db, period, MAX_GAP_ROWS),
    readMostCited(db, period, limits.cited ?? 10),
    readNeverCited(db, period, limits.neverCited ?? 20),
  ]);
  const total = withRates(figures.total);
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    bucket: period.bucket,
    totals: {
      ...total,
      costPerAnswerUsd: ratio(total.costUsd, total.answers),
      costPerDayUsd: total.costUsd / periodDays(period),
    },
    series: figures.buckets.map((b) => ({ start: b.start, ...withRates(b) })),
    contentGaps: groupQuestions(unanswered, limits.gaps ?? 20),
    mostCited,
    neverCited,
  };
}

function withRates(f: AnswerFigures): PeriodFigures {
  return {
    answers: f.answers,
    byDoor: f.byDoor,
    rated: f.rated,
    helpful: f.helpful,
    helpfulRate: ratio(f.helpful, f.rated),
    abstained: f.abstained,
    abstentionRate: ratio(f.abstained, f.answers),
    cacheHits: f.cacheHits,
    cacheHitRate: ratio(f.cacheHits, f.answers),
    latencyMs: { p50: f.p50Ms, p95: f.p95Ms },
    costUsd: f.costUsd,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
