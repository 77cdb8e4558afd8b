import type { Queryable } from '@support/db';

/** Fusion weights calibrated for one embedding model, with the figures they were chosen from. */
export interface FusionCalibration {
  modelId: number;
  keywordWeight: number;
  vectorWeight: number;
  vectorSpread: number;
  pseudoQueries: number;
  keywordNdcg: number;
  vectorNdcg: number;
  hybridNdcg: number;
  articleCount: number;
  seconds: number;
  calibratedAt: Date;
}

interface CalibrationRow {
  model_id: number;
  keyword_weight: number;
  vector_weight: number;
  vector_spread: number;
  pseudo_queries: number;
  keyword_ndcg: number;
  vector_ndcg: number;
  hybrid_ndcg: number;
  article_count: number;
  seconds: number;
  calibrated_at: Date;
}

const toCalibration = (r: CalibrationRow): FusionCalibration => ({
  modelId: r.model_id,
  keywordWeight: r.keyword_weight,
  vectorWeight: r.vector_weight,
  vectorSpread: r.vector_spread,
  pseudoQueries: r.pseudo_queries,
  keywordNdcg: r.keyword_ndcg,
  vectorNdcg: r.vector_ndcg,
  hybridNdcg: r.hybrid_ndcg,
  articleCount: r.article_count,
  seconds: r.seconds,
  calibratedAt: r.calibrated_at,
});

const COLUMNS = `model_id, keyword_weight, vector_weight,
  vector_spread, pseudo_queries, keyword_ndcg,
  vector_ndcg, hybrid_ndcg, article_count,
  seconds, calibrated_at`;

/** The calibration of the active embedding model, if it has one. */
export async function findActiveFusionCalibration(db: Queryable): Promise<FusionCalibration | undefined> {
  const { rows } = await db.query<CalibrationRow>(
    `SELECT ${COLUMNS} FROM fusion_calibrations f JOIN embedding_models m ON m.id = f.model_id WHERE m.active`,
  );
  const row = rows[0];
  return row === undefined ? undefined : toCalibration(row);
}

/** The calibration of one embedding model, active or not (a model being compared before a switch). */
export async function findFusionCalibration(db: Queryable, modelId: number): Promise<FusionCalibration | undefined> {
  const { rows } = await db.query<CalibrationRow>(
    `SELECT ${COLUMNS} FROM fusion_calibrations WHERE model_id = $1::int`,
    [modelId],
  );
  const row = rows[0];
  return row === undefined ? undefined : toCalibration(row);
}

/** Stores (or replaces) a model's calibration. */
export async function saveFusionCalibration(
  db: Queryable,
  c: Omit<FusionCalibration, 'calibratedAt'>,
): Promise<FusionCalibration> {
  const { rows } = await db.query<CalibrationRow>(
    `INSERT INTO fusion_calibrations (model_id, keyword_weight, vector_weight, vector_spread, pseudo_queries,
       keyword_ndcg, vector_ndcg, hybrid_ndcg, article_count, seconds)
     VALUES ($1::int, $2::float8, $3::float8, $4::float8, $5::int, $6::float8, $7::float8, $8::float8, $9::int, $10::float8)
     ON CONFLICT (model_id) DO UPDATE SET keyword_weight = excluded.keyword_weight,
       vector_weight = excluded.vector_weight, vector_spread = excluded.vector_spread,
       pseudo_queries = excluded.pseudo_queries, keyword_ndcg = excluded.keyword_ndcg,
       vector_ndcg = excluded.vector_ndcg, hybrid_ndcg = excluded.hybrid_ndcg,
       article_count = excluded.article_count, seconds = excluded.seconds, calibrated_at = now()
     RETURNING ${COLUMNS}`,
    [
      c.modelId,
      c.keywordWeight,
      c.vectorWeight,
      c.vectorSpread,
      c.pseudoQueries,
      c.keywordNdcg,
      c.vectorNdcg,
      c.hybridNdcg,
      c.articleCount,
      c.seconds,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('saveFusionCalibration returned no row');
  return toCalibration(row);
}

/** A chunk a pseudo-query is cut from: its text and the article it must lead back to. */
export interface PseudoQuerySource {
  chunkId: number;
  articleId: number;
  text: string;
}

/**
 * A deterministic sample of chunks whose article has at least one other chunk (the held-out
 * chunk's siblings are what a pseudo-query must find). Ordering by a hash of the id spreads the
 * sample over the whole corpus and gives the same sample for the same corpus.
 */
export async function samplePseudoQuerySources(db: Queryable, limit: number): Promise<PseudoQuerySource[]> {
  const { rows } = await db.query<{ id: string; article_id: string; text: string }>(
    `SELECT c.id, c.article_id, c.text
     FROM chunks c
     WHERE EXISTS (SELECT 1 FROM chunks o WHERE o.article_id = c.article_id AND o.id <> c.id)
     ORDER BY md5(c.id::text)
     LIMIT $1::int`,
    [limit],
  );
  return rows.map((r) => ({ chunkId: Number(r.id), articleId: Number(r.article_id), text: r.text }));
}

/** The article of each chunk id. */
export async function findArticlesOfChunks(db: Queryable, chunkIds: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ id: string; article_id: string }>(
    'SELECT id, article_id FROM chunks WHERE id = ANY($1::bigint[])',
    [chunkIds],
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.article_id)]));
}

/**
 * How far the corpus moved since a calibration: articles written since then (new or changed)
 * plus the drop in the article count (deletions leave no row to count).
 */
export async function countArticleChangesSince(
  db: Queryable,
  since: { at: Date; articleCount: number },
): Promise<{ changed: number; articles: number }> {
  const { rows } = await db.query<{ updated: number; articles: number }>(
    `SELECT count(*) FILTER (WHERE updated_at > $1::timestamptz)::int AS updated, count(*)::int AS articles
     FROM articles`,
    [since.at],
  );
  const row = rows[0] ?? { updated: 0, articles: 0 };
  return { changed: row.updated + Math.max(0, since.articleCount - row.articles), articles: row.articles };
}
