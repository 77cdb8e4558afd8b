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

/** Fills BM25 lengths and postings for the chunks of these articles (also used by the bulk bench loader). */
export async function writePostings(db: Queryable, articleIds: number[]): Promise<void> {
  await db.query(
    `UPDATE chunks c SET bm25_length = l.len
     FROM (SELECT c2.id, sum(${WEIGHTED_TF}) AS len FROM chunks c2, unnest(c2.tsv) AS u
           WHERE c2.article_id = ANY($1::bigint[]) GROUP BY c2.id) l
     WHERE c.id = l.id`,
    [articleIds],
  );
  // impact uses the corpus's average length at write time; it only orders a posting list,
  // the score itself is computed at query time with the current average.
  await db.query(
    `INSERT INTO chunk_terms (lexeme, chunk_id, tf, impact)
     SELECT u.lexeme, c.id, t.tf,
            t.tf * ($2::real + 1) / (t.tf + $2::real * (1 - $3::real + $3::real * c.bm25_length
              / greatest(s.total_length / greatest(s.chunk_count, 1), 1)))
     FROM chunks c CROSS JOIN corpus_stats s, unnest(c.tsv) AS u, LATERAL (SELECT ${WEIGHTED_TF} AS tf) t
     WHERE c.article_id = ANY($1::bigint[])`,
    [articleIds, BM25.k1, BM25.b],
  );
}
