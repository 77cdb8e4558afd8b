import type { Queryable } from '../db/queryable.js';
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

/** Inserts or replaces an article's fields and returns its id. */
export async function upsertArticle(
  db: Queryable,
  { source, article, contentHash }: { source: string; article: ArticleInput; contentHash: string },
): Promise<{ id: number; created: boolean }> {
  // xmax = 0 only for a freshly inserted row: tells "added" from "updated" in one round trip.
  const { rows } = await db.query<{ id: string; created: boolean }>(
    `INSERT INTO articles (source, external_id, title, url, body, locale, tags, visibility, content_hash)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text[], $8::text, $9::text)
     ON CONFLICT (source, external_id) DO UPDATE SET
       title = excluded.title, url = excluded.url, body = excluded.body, locale = excluded.locale,
       tags = excluded.tags, visibility = excluded.visibility, content_hash = excluded.content_hash,
       updated_at = now()
     RETURNING id, (xmax = 0) AS created`,
    [
      source,
      article.externalId,
      article.title,
      article.url,
      article.body,
      article.locale,
      article.tags,
      article.visibility,
      contentHash,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('upsertArticle returned no row');
  return { id: Number(row.id), created: row.created };
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
