import type { Queryable } from '@support/db';
import type { StatsPeriod } from './stats-period.js';

/** Figures over a set of logged answers (one bucket, or the whole period). */
export interface AnswerFigures {
  answers: number;
  byDoor: { api: number; widget: number; slack: number; unknown: number };
  rated: number;
  helpful: number;
  abstained: number;
  cacheHits: number;
  p50Ms: number | null;
  p95Ms: number | null;
  costUsd: number;
}

interface FiguresRow {
  start: string | null;
  answers: number;
  api: number;
  widget: number;
  slack: number;
  unknown: number;
  rated: number;
  helpful: number;
  abstained: number;
  cache_hits: number;
  p50_ms: number | null;
  p95_ms: number | null;
  cost_usd: number;
}

// The answers of the period, each with its latest rating (an agent may change their mind; the
// last word counts, as in the test-set export). $1 from, $2 to: [from, to).
const PERIOD_ANSWERS = `
  SELECT a.id, a.created_at, a.question, a.door, a.abstained, a.cached_from IS NOT NULL AS cache_hit,
         (a.timings->>'total')::float8 AS total_ms, COALESCE((a.usage->>'costUsd')::float8, 0) AS cost_usd,
         f.helpful
  FROM answers a
  LEFT JOIN LATERAL (
    SELECT helpful FROM feedback WHERE answer_id = a.id ORDER BY created_at DESC, id DESC LIMIT 1
  ) f ON true
  WHERE a.created_at >= $1::timestamptz AND a.created_at < $2::timestamptz`;

/**
 * One row per bucket of the period (empty buckets included, so a chart has every day) and one
 * grand-total row (start null), in one pass: GROUPING SETS, since percentiles do not add up.
 * Buckets are UTC days or ISO weeks; $3 is 'day' or 'week'.
 */
export async function readAnswerFigures(
  db: Queryable,
  period: StatsPeriod,
): Promise<{ buckets: (AnswerFigures & { start: string })[]; total: AnswerFigures }> {
  const { rows } = await db.query<FiguresRow>(
    `WITH period_answers AS (${PERIOD_ANSWERS}),
     buckets AS (
       SELECT generate_series(
                date_trunc($3::text, $1::timestamptz AT TIME ZONE 'UTC'),
                -- the last instant inside the period, so a period ending at midnight has no extra day
                ($2::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC',
                ('1 ' || $3::text)::interval) AS start
     ),
     bucketed AS (
       SELECT date_trunc($3::text, created_at AT TIME ZONE 'UTC') AS start, * FROM period_answers
     )
     SELECT to_char(b.start, 'YYYY-MM-DD') AS start,
            count(r.id)::int AS answers,
            count(r.id) FILTER (WHERE r.door = 'api')::int AS api,
            count(r.id) FILTER (WHERE r.door = 'widget')::int AS widget,
            count(r.id) FILTER (WHERE r.door = 'slack')::int AS slack,
            count(r.id) FILTER (WHERE r.id IS NOT NULL AND r.door IS NULL)::int AS unknown,
            count(r.helpful)::int AS rated,
            count(r.id) FILTER (WHERE r.helpful)::int AS helpful,
            count(r.id) FILTER (WHERE r.abstained)::int AS abstained,
            count(r.id) FILTER (WHERE r.cache_hit)::int AS cache_hits,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY r.total_ms) AS p50_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY r.total_ms) AS p95_ms,
            COALESCE(sum(r.cost_usd), 0)::float8 AS cost_usd
     FROM buckets b
     LEFT JOIN bucketed r ON r.start = b.start
     GROUP BY GROUPING SETS ((b.start), ())
     ORDER BY b.start NULLS FIRST`,
    [period.from, period.to, period.bucket],
  );
  const toFigures = (r: FiguresRow): AnswerFigures => ({
    answers: r.answers,
    byDoor: { api: r.api, widget: r.widget, slack: r.slack, unknown: r.unknown },
    rated: r.rated,
    helpful: r.helpful,
    abstained: r.abstained,
    cacheHits: r.cache_hits,
    p50Ms: r.p50_ms,
    p95Ms: r.p95_ms,
    costUsd: r.cost_usd,
  });
  const [total, ...buckets] = rows;
  if (total === undefined || total.start !== null) throw new Error('readAnswerFigures: no total row');
  return {
    total: toFigures(total),
    buckets: buckets.map((r) => ({ ...toFigures(r), start: r.start ?? '' })),
  };
}

/** The period's answers that left a question open: abstained, or rated not helpful at last. */
export async function readUnansweredQuestions(
  db: Queryable,
  period: StatsPeriod,
  max: number,
): Promise<{ question: string; abstained: boolean; notHelpful: boolean; askedAt: Date }[]> {
  const { rows } = await db.query<{ question: string; abstained: boolean; not_helpful: boolean; created_at: Date }>(
    `SELECT question, abstained, COALESCE(NOT helpful, false) AS not_helpful, created_at
     FROM (${PERIOD_ANSWERS}) p
     WHERE abstained OR helpful = false
     ORDER BY created_at DESC
     LIMIT $3::int`,
    [period.from, period.to, max],
  );
  return rows.map((r) => ({
    question: r.question,
    abstained: r.abstained,
    notHelpful: r.not_helpful,
    askedAt: r.created_at,
  }));
}

/** An article, with how many answers of the period cited it. */
export interface CitedArticle {
  source: string;
  articleId: string;
  title: string;
  citations: number;
}

// Each answer's citations (one per article: the copilot groups chunks by article), from the log.
const PERIOD_CITATIONS = `
  SELECT c.source, c."articleId" AS article_id, c.title
  FROM answers a, jsonb_to_recordset(a.citations) AS c(source text, "articleId" text, title text)
  WHERE a.created_at >= $1::timestamptz AND a.created_at < $2::timestamptz AND NOT a.abstained`;

/** The articles the period's answers cited most, with their current title (or the logged one, if deleted since). */
export async function readMostCited(db: Queryable, period: StatsPeriod, limit: number): Promise<CitedArticle[]> {
  const { rows } = await db.query<{ source: string; article_id: string; title: string; citations: number }>(
    `SELECT c.source, c.article_id, COALESCE(ar.title, max(c.title)) AS title, count(*)::int AS citations
     FROM (${PERIOD_CITATIONS}) c
     LEFT JOIN articles ar ON ar.source = c.source AND ar.external_id = c.article_id
     GROUP BY c.source, c.article_id, ar.title
     ORDER BY citations DESC, c.source, c.article_id
     LIMIT $3::int`,
    [period.from, period.to, limit],
  );
  return rows.map((r) => ({ source: r.source, articleId: r.article_id, title: r.title, citations: r.citations }));
}

/** Articles in the knowledge base that no answer of the period cited: candidates to fix or retire. */
export async function readNeverCited(
  db: Queryable,
  period: StatsPeriod,
  limit: number,
): Promise<{ count: number; articles: Omit<CitedArticle, 'citations'>[] }> {
  const { rows } = await db.query<{ source: string; external_id: string; title: string; total: number }>(
    `WITH cited AS (SELECT DISTINCT source, article_id FROM (${PERIOD_CITATIONS}) c)
     SELECT ar.source, ar.external_id, ar.title, count(*) OVER ()::int AS total
     FROM articles ar
     WHERE NOT EXISTS (SELECT 1 FROM cited WHERE cited.source = ar.source AND cited.article_id = ar.external_id)
     ORDER BY ar.source, ar.title, ar.external_id
     LIMIT $3::int`,
    [period.from, period.to, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    articles: rows.map((r) => ({ source: r.source, articleId: r.external_id, title: r.title })),
  };
}
