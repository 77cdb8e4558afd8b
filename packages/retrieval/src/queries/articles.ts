import type { Queryable } from '@support/db';
import type { ArticleInput } from '../ingest/article-input.js';

/** The stored hash of each given article of a source, to tell unchanged ones apart without reading bodies. */
export async function findContentHashes(
  db: Queryable,
  { source, externalIds }: { source: string; externalIds: string[] },
): Promise<Map<string, { id: number; contentHash: string }>> {
  const { rows } = await db.query<{ id: string; external_id: string; content_hash: string }>(
    `SELECT id, external_id, content_hash FROM articles
     WHERE source = $1::text AND external_id = ANY($2::text[])`,
    [source, externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, { id: Number(r.id), contentHash: r.content_hash }]));
}

/**
 * Inserts or replaces articles of one source in one statement; returns each one's id and
 * whether it was new, by external id.
 */
export async function upsertArticles(
  db: Queryable,
  { source, articles }: { source: string; articles: { article: ArticleInput; contentHash: string }[] },
): Promise<Map<string, { id: number; created: boolean }>> {
  const column = <T>(pick: (a: ArticleInput, hash: string) => T) => articles.map((a) => pick(a.article, a.contentHash));
  // xmax = 0 only for a freshly inserted row: tells "added" from "updated" in the same round trip.
  // Tags travel as JSON because unnest would flatten a text[][] into one long list.
  const { rows } = await db.query<{ id: string; external_id: string; created: boolean }>(
    `INSERT INTO articles AS a (source, external_id, title, url, body, locale, tags, visibility, content_hash)
     SELECT $1::text, t.external_id, t.title, t.url, t.body, t.locale,
            ARRAY(SELECT jsonb_array_elements_text(t.tags)), t.visibility, t.content_hash
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[])
          AS t(external_id, title, url, body, locale, tags, visibility, content_hash)
     ON CONFLICT (source, external_id) DO UPDATE SET
       title = excluded.title, url = excluded.url, body = excluded.body, locale = excluded.locale,
       tags = excluded.tags, visibility = excluded.visibility, content_hash = excluded.content_hash,
       updated_at = now()
     RETURNING a.id, a.external_id, (a.xmax = 0) AS created`,
    [
      source,
      column((a) => a.externalId),
      column((a) => a.title),
      column((a) => a.url),
      column((a) => a.body),
      column((a) => a.locale),
      column((a) => JSON.stringify(a.tags)),
      column((a) => a.visibility),
      column((_, hash) => hash),
    ],
  );
  return new Map(rows.map((r) => [r.external_id, { id: Number(r.id), created: r.created }]));
}

/** Deletes one article (its chunks and postings cascade); true when it existed. */
export async function deleteArticle(
  db: Queryable,
  { source, externalId }: { source: string; externalId: string },
): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM articles WHERE source = $1::text AND external_id = $2::text', [
    source,
    externalId,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Deletes every article of a source (their chunks cascade); returns how many there were. */
export async function deleteSource(db: Queryable, source: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM articles WHERE source = $1::text', [source]);
  return rowCount ?? 0;
}

/** How many articles a source holds. */
export async function countArticlesOfSource(db: Queryable, source: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE source = $1::text', [
    source,
  ]);
  return rows[0]?.n ?? 0;
}

/** Deletes the articles of a source that a full sync did not see; returns their external ids. */
export async function deleteArticlesNotIn(
  db: Queryable,
  { source, keep }: { source: string; keep: string[] },
): Promise<string[]> {
  const { rows } = await db.query<{ external_id: string }>(
    `DELETE FROM articles WHERE source = $1::text AND NOT (external_id = ANY($2::text[]))
     RETURNING external_id`,
    [source, keep],
  );
  return rows.map((r) => r.external_id);
}

/**
 * Refreshes planner statistics and the visibility map of the tables search reads. VACUUM, not
 * just ANALYZE: the keyword query reads postings through an index-only scan, which the planner
 * only picks once pages are marked all-visible; until autovacuum got round to it, keyword search
 * over 10k freshly indexed articles took 40 ms at p50 instead of 11. Must run outside a transaction.
 */
export async function vacuumKnowledgeBase(db: Queryable): Promise<void> {
  await db.query('VACUUM (ANALYZE) articles, chunks, chunk_terms, term_stats, corpus_stats, embeddings');
}
