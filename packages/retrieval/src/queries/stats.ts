import type { Queryable } from '@support/db';
import type { FusionCalibration } from './fusion.js';

/** Counts that describe the knowledge base. */
export interface KnowledgeBaseStats {
  articles: number;
  chunks: number;
  embeddings: number;
  terms: number;
  /** Per source: articles, how many internal, and when one last changed. */
  sources: { source: string; articles: number; internal: number; lastUpdatedAt: string | null }[];
  activeModel: string | null;
  /** The active model's calibrated fusion weights; null before the first calibration. */
  fusion: FusionCalibration | null;
}

/** Counts articles, chunks, embeddings and terms, per source where useful. */
export async function readStats(db: Queryable): Promise<Omit<KnowledgeBaseStats, 'fusion'>> {
  const { rows } = await db.query<{
    chunks: number;
    embeddings: number;
    terms: number;
    active_model: string | null;
  }>(
    `SELECT (SELECT chunk_count FROM corpus_stats)::int AS chunks,
            (SELECT count(*) FROM embeddings e JOIN embedding_models m ON m.id = e.model_id AND m.active)::int AS embeddings,
            (SELECT count(*) FROM term_stats)::int AS terms,
            (SELECT name FROM embedding_models WHERE active) AS active_model`,
  );
  const sources = await db.query<{ source: string; articles: number; internal: number; last_updated_at: Date }>(
    `SELECT source, count(*)::int AS articles, count(*) FILTER (WHERE visibility = 'internal')::int AS internal,
            max(updated_at) AS last_updated_at
     FROM articles GROUP BY source ORDER BY source`,
  );
  const row = rows[0];
  return {
    articles: sources.rows.reduce((sum, s) => sum + s.articles, 0),
    chunks: row?.chunks ?? 0,
    embeddings: row?.embeddings ?? 0,
    terms: row?.terms ?? 0,
    sources: sources.rows.map((s) => ({
      source: s.source,
      articles: s.articles,
      internal: s.internal,
      lastUpdatedAt: s.last_updated_at.toISOString(),
    })),
    activeModel: row?.active_model ?? null,
  };
}
