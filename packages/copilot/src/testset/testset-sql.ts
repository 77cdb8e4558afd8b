import type { Queryable } from '@support/db';

/** A logged answer with the latest feedback on it (null when nobody rated it). */
export interface RatedAnswerRow {
  id: string;
  question: string;
  answer: string;
  citations: { articleId: string; source: string }[];
  abstained: boolean;
  helpful: boolean | null;
  reason: string | null;
  comment: string | null;
}

/**
 * Answers logged since `since` (all when null), oldest first, each with its latest feedback; only
 * rated ones unless `includeUnrated`. The latest rating wins because an agent may change their mind.
 */
export async function readRatedAnswers(
  db: Queryable,
  options: { since: Date | null; includeUnrated: boolean },
): Promise<RatedAnswerRow[]> {
  const { rows } = await db.query<RatedAnswerRow>(
    `SELECT a.id, a.question, a.answer, a.citations, a.abstained, f.helpful, f.reason, f.comment
     FROM answers a
     LEFT JOIN LATERAL (
       SELECT helpful, reason, comment FROM feedback
       WHERE answer_id = a.id ORDER BY created_at DESC, id DESC LIMIT 1
     ) f ON true
     WHERE ($1::timestamptz IS NULL OR a.created_at >= $1::timestamptz)
       AND ($2::boolean OR f.helpful IS NOT NULL)
     ORDER BY a.created_at, a.id`,
    [options.since, options.includeUnrated],
  );
  return rows;
}
