import type { Queryable } from '@support/db';

/** One logged exchange, already redacted by the caller. */
export interface AnswerRecord {
  id: string;
  createdAt: string;
  audience: 'agent' | 'customer';
  question: string;
  answer: string;
  citations: unknown;
  grounding: unknown;
  abstained: boolean;
  degraded: boolean;
  model: string | null;
  promptVersion: string;
  usage: unknown;
  timings: unknown;
  redactions: unknown;
  /** Which door it came through; null for answers logged before doors were recorded. */
  door: AnswerDoor | null;
  /** For a cache hit: the logged answer it was served from. */
  cachedFrom: string | null;
}

/** The doors an answer comes through: the HTTP API, the helpdesk widget (over the API), the Slack bot. */
export type AnswerDoor = 'api' | 'widget' | 'slack';

/** A record to log: door and cache origin may be left out (unknown door, not a cache hit). */
export type NewAnswerRecord = Omit<AnswerRecord, 'id' | 'createdAt' | 'door' | 'cachedFrom'> &
  Partial<Pick<AnswerRecord, 'door' | 'cachedFrom'>>;

/** What the cache needs besides the record: its key and the cited articles' hashes then. */
export interface AnswerCacheEntry {
  cacheKey: string | null;
  citedArticles: { source: string; externalId: string; contentHash: string }[];
}

interface AnswerRow {
  id: string;
  created_at: Date;
  audience: 'agent' | 'customer';
  question: string;
  answer: string;
  citations: unknown;
  grounding: unknown;
  abstained: boolean;
  degraded: boolean;
  model: string | null;
  prompt_version: string;
  usage: unknown;
  timings: unknown;
  redactions: unknown;
  door: AnswerDoor | null;
  cached_from: string | null;
}

const toRecord = (r: AnswerRow): AnswerRecord => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  audience: r.audience,
  question: r.question,
  answer: r.answer,
  citations: r.citations,
  grounding: r.grounding,
  abstained: r.abstained,
  degraded: r.degraded,
  model: r.model,
  promptVersion: r.prompt_version,
  usage: r.usage,
  timings: r.timings,
  redactions: r.redactions,
  door: r.door,
  cachedFrom: r.cached_from,
});

const COLUMNS = `id, created_at, audience, question, answer, citations, grounding, abstained, degraded, model,
  prompt_version, usage, timings, redactions, door, cached_from`;

/** Stores a redacted exchange and returns its id. */
export async function insertAnswer(
  db: Queryable,
  record: NewAnswerRecord,
  cache: AnswerCacheEntry,
): Promise<{ id: string; createdAt: string }> {
  const { rows } = await db.query<{ id: string; created_at: Date }>(
    `INSERT INTO answers (audience, question, answer, citations, grounding, abstained, degraded, model,
                          prompt_version, usage, timings, redactions, cache_key, cited_articles, door, cached_from)
     VALUES ($1::text, $2::text, $3::text, $4::jsonb, $5::jsonb, $6::boolean, $7::boolean, $8::text,
             $9::text, $10::jsonb, $11::jsonb, $12::jsonb, $13::text, $14::jsonb, $15::text, $16::uuid)
     RETURNING id, created_at`,
    [
      record.audience,
      record.question,
      record.answer,
      JSON.stringify(record.citations),
      JSON.stringify(record.grounding),
      record.abstained,
      record.degraded,
      record.model,
      record.promptVersion,
      JSON.stringify(record.usage),
      JSON.stringify(record.timings),
      JSON.stringify(record.redactions),
      cache.cacheKey,
      JSON.stringify(cache.citedArticles),
      record.door ?? null,
      record.cachedFrom ?? null,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('insertAnswer returned no row');
  return { id: row.id, createdAt: row.created_at.toISOString() };
}

/** One logged answer by id. */
export async function findAnswer(db: Queryable, id: string): Promise<AnswerRecord | undefined> {
  const { rows } = await db.query<AnswerRow>(`SELECT ${COLUMNS} FROM answers WHERE id = $1::uuid`, [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/**
 * The newest answer stored under `cacheKey` whose cited articles all still have the content hash
 * they had when it was answered (an edited or deleted article invalidates it).
 */
export async function findCachedAnswer(db: Queryable, cacheKey: string): Promise<AnswerRecord | undefined> {
  const { rows } = await db.query<AnswerRow>(
    `SELECT ${COLUMNS} FROM answers ans
     WHERE ans.cache_key = $1::text
       AND NOT EXISTS (
         SELECT 1 FROM jsonb_to_recordset(ans.cited_articles) AS c(source text, "externalId" text, "contentHash" text)
         LEFT JOIN articles a ON a.source = c.source AND a.external_id = c."externalId"
         WHERE a.content_hash IS DISTINCT FROM c."contentHash")
     ORDER BY ans.created_at DESC
     LIMIT 1`,
    [cacheKey],
  );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** The content hashes of the given articles now. */
export async function findArticleHashes(
  db: Queryable,
  articles: { source: string; externalId: string }[],
): Promise<{ source: string; externalId: string; contentHash: string }[]> {
  const { rows } = await db.query<{ source: string; external_id: string; content_hash: string }>(
    `SELECT a.source, a.external_id, a.content_hash
     FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
     JOIN articles a USING (source, external_id)`,
    [articles.map((a) => a.source), articles.map((a) => a.externalId)],
  );
  return rows.map((r) => ({ source: r.source, externalId: r.external_id, contentHash: r.content_hash }));
}

/** Records feedback on an answer; false when the answer does not exist. */
export async function insertFeedback(
  db: Queryable,
  feedback: { answerId: string; helpful: boolean; reason: string | null; comment: string | null },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO feedback (answer_id, helpful, reason, comment)
     SELECT id, $2::boolean, $3::text, $4::text FROM answers WHERE id = $1::uuid`,
    [feedback.answerId, feedback.helpful, feedback.reason, feedback.comment],
  );
  return (rowCount ?? 0) > 0;
}

/** Counts over the answer log and its feedback, for the admin stats. */
export interface AnswerStats {
  answers: number;
  abstained: number;
  /** Share of logged answers that abstained; null before the first answer. */
  abstentionRate: number | null;
  feedback: { helpful: number; notHelpful: number };
}

/** Counts answers, abstentions and feedback in one round trip. */
export async function readAnswerStats(db: Queryable): Promise<AnswerStats> {
  const { rows } = await db.query<{ answers: number; abstained: number; helpful: number; not_helpful: number }>(
    `SELECT (SELECT count(*) FROM answers)::int AS answers,
            (SELECT count(*) FROM answers WHERE abstained)::int AS abstained,
            (SELECT count(*) FROM feedback WHERE helpful)::int AS helpful,
            (SELECT count(*) FROM feedback WHERE NOT helpful)::int AS not_helpful`,
  );
  const row = rows[0];
  const answers = row?.answers ?? 0;
  const abstained = row?.abstained ?? 0;
  return {
    answers,
    abstained,
    abstentionRate: answers === 0 ? null : abstained / answers,
    feedback: { helpful: row?.helpful ?? 0, notHelpful: row?.not_helpful ?? 0 },
  };
}
