import type { Queryable } from '@support/db';

/** A chunk ready to store: its article, its text and the hash of what the embedder saw. */
export interface ChunkRow {
  articleId: number;
  ordinal: number;
  title: string;
  headingPath: string;
  text: string;
  tokenCount: number;
  embedHash: string;
}

/** BM25 parameters (textbook values) and the field weights of the BM25F-style term frequency. */
export const BM25 = { k1: 1.2, b: 0.75, titleWeight: 2, headingWeight: 1.5 } as const;

/**
 * Replaces all chunks of the given articles with `chunks` and writes their BM25 postings. Run it
 * inside the articles' transaction: readers then see the old chunks or the new, never a mix.
 */
export async function replaceChunks(db: Queryable, articleIds: number[], chunks: ChunkRow[]): Promise<void> {
  await db.query('DELETE FROM chunks WHERE article_id = ANY($1::bigint[])', [articleIds]);
  if (chunks.length === 0) return;
  // Each chunk is tokenised in its article's language (migration 0007).
  await db.query(
    `INSERT INTO chunks (article_id, ordinal, title, heading_path, text, token_count, embed_hash, search_config)
     SELECT t.*, search_config_for(a.locale)
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
       AS t(article_id, ordinal, title, heading_path, text, token_count, embed_hash)
     JOIN articles a ON a.id = t.article_id`,
    [
      chunks.map((c) => c.articleId),
      chunks.map((c) => c.ordinal),
      chunks.map((c) => c.title),
      chunks.map((c) => c.headingPath),
      chunks.map((c) => c.text),
      chunks.map((c) => c.tokenCount),
      chunks.map((c) => c.embedHash),
    ],
  );
  await writePostings(db, articleIds);
}

// Term frequencies come from the generated tsvector, so the keyword index and the GIN index are
// built by the same tokenizer. Title (A) and heading (B) occurrences count more than body ones.
const WEIGHTED_TF = `(SELECT sum(CASE w WHEN 'A' THEN ${BM25.titleWeight} WHEN 'B' THEN ${BM25.headingWeight} ELSE 1 END)
                     FROM unnest(u.weights) AS w)`;

/**
 * Fills BM25 lengths and postings for the chunks of these articles (also used by the bulk bench
 * loader). One statement: each chunk's tsvector is unnested once for both its length and its
 * postings (two passes and two round trips were ~15% of an index run's database time).
 */
export async function writePostings(db: Queryable, articleIds: number[]): Promise<void> {
  // impact uses the corpus's average length at write time, these chunks included (corpus_stats
  // counts them already, their lengths are added by the UPDATE's trigger only at the statement's
  // end); it only orders a posting list, the score itself is computed at query time.
  await db.query(
    `WITH postings AS MATERIALIZED (
       SELECT c.id AS chunk_id, u.lexeme, ${WEIGHTED_TF} AS tf
       FROM chunks c, unnest(c.tsv) AS u
       WHERE c.article_id = ANY($1::bigint[])
     ),
     lengths AS MATERIALIZED (SELECT chunk_id, sum(tf) AS len FROM postings GROUP BY chunk_id),
     set_lengths AS (UPDATE chunks c SET bm25_length = l.len FROM lengths l WHERE c.id = l.chunk_id)
     INSERT INTO chunk_terms (lexeme, chunk_id, tf, impact)
     SELECT p.lexeme, p.chunk_id, p.tf,
            p.tf * ($2::real + 1) / (p.tf + $2::real * (1 - $3::real + $3::real * l.len / greatest(a.avg, 1)))
     FROM postings p JOIN lengths l USING (chunk_id),
          (SELECT (s.total_length + (SELECT coalesce(sum(len), 0) FROM lengths)) / greatest(s.chunk_count, 1) AS avg
           FROM corpus_stats s) a`,
    [articleIds, BM25.k1, BM25.b],
  );
}
