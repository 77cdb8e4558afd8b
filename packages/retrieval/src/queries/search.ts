import type { Queryable } from '@support/db';
import type { SearchFilters } from '../search/search-request.js';

export type { SearchFilters };

import { BM25 } from './chunks.js';
import { type EmbeddingModel, toVectorLiteral } from './embeddings.js';

/** A chunk id with its branch score, best first. */
export interface RankedChunk {
  chunkId: number;
  score: number;
}

// The filter clause both branches share; its parameters are always $2..$5 in the same order.
const FILTERS = `a.visibility = ANY($2::text[])
  AND ($3::text IS NULL OR a.locale = $3::text)
  AND ($4::text[] IS NULL OR a.tags && $4::text[])
  AND ($5::text[] IS NULL OR a.source = ANY($5::text[]))`;

function filterValues(f: SearchFilters): unknown[] {
  return [f.visibility, f.locale ?? null, f.tags?.length ? f.tags : null, f.sources?.length ? f.sources : null];
}

/** What a keyword search takes. */
export interface KeywordInput {
  query: string;
  filters: SearchFilters;
  limit: number;
  /** Text search configurations to tokenise the question with: the languages of the articles it may match. */
  configs: readonly string[];
  postingsPerTerm: number;
  readBudget?: number;
}

/**
 * BM25 over the postings table, with OR semantics over the question's lexemes (an AND of every
 * word, as websearch_to_tsquery does, matches almost nothing for a natural-language question).
 * Chunks are tokenised in their article's language, so the question is tokenised in each of
 * `configs` and the lexemes pooled: a chunk only holds lexemes of its own language.
 *
 * Two passes keep the common case cheap. The fast pass reads each term's strongest postings
 * (an index-only scan ordered by the write-time impact), picks the best candidates from those
 * alone, and only then joins them to their articles for the filters. Its reading budget is
 * shared out by IDF: a rare term's list is read whole, a term in most chunks gets a short read,
 * because its postings can only reorder chunks the rare terms already found. Candidates are then
 * scored exactly, every query term looked up by (lexeme, chunk), so a cut list never lowers a
 * returned score. When a selective filter leaves fewer than `limit` candidates, the filtered
 * pass reads up to `postingsPerTerm` of every term and filters before ranking, so a filter never
 * shortens the top-k.
 */
export async function searchKeyword(db: Queryable, input: KeywordInput): Promise<RankedChunk[]> {
  const pool = Math.max(input.limit * 4, 200);
  const fast = await runKeyword(db, input, { pool, filterFirst: false });
  // Fewer candidates than the pool holds means every posting read was a candidate already (a cut
  // list reads at least `pool` postings, so it always fills the pool).
  if (fast.hits.length >= input.limit || (fast.candidates < pool && fast.hits.length > 0)) return fast.hits;
  return (await runKeyword(db, input, { pool, filterFirst: true })).hits;
}

/** Postings the fast pass reads over all query terms together (see searchKeyword). */
export const KEYWORD_READ_BUDGET = 5000;

async function runKeyword(
  db: Queryable,
  input: KeywordInput,
  { pool, filterFirst }: { pool: number; filterFirst: boolean },
): Promise<{ hits: RankedChunk[]; candidates: number }> {
  const budget = filterFirst ? null : (input.readBudget ?? KEYWORD_READ_BUDGET);
  const { rows } = await db.query<{ chunk_id: string; score: number; candidates: number }>(
    // MATERIALIZED and float8: inlined, the numeric ln() of the IDF ran once per posting read.
    `WITH terms AS MATERIALIZED (
       SELECT t.lexeme,
              ln(1 + (s.chunk_count - t.df + 0.5::float8) / (t.df + 0.5::float8)) AS idf,
              greatest(s.total_length / greatest(s.chunk_count, 1), 1)::float8 AS avg_length
       -- the question in every language it may be asked against (see searchConfigs)
       FROM (SELECT DISTINCT u.lexeme FROM unnest($12::regconfig[]) AS cfg(config), unnest(search_tsvector(cfg.config, $1::text)) AS u) q
       -- LIMIT 1 tells the planner what the CHECK already guarantees: one row, not a table's worth
       JOIN term_stats t USING (lexeme) CROSS JOIN (SELECT * FROM corpus_stats LIMIT 1) s
     ),
     reads AS MATERIALIZED (
       -- NULL budget: read up to the cap of every term; otherwise a share of it by IDF, never
       -- fewer than the pool (so a cut list always fills the pool: see searchKeyword)
       SELECT lexeme, idf, CASE WHEN $11::int IS NULL THEN $8::int
                           ELSE least($8::int, greatest($10::int, ceil($11::int * idf / nullif(sum(idf) OVER (), 0))::int))
                           END AS take
       FROM terms
     ),
     postings AS MATERIALIZED (
       SELECT p.chunk_id, reads.idf, p.impact
       FROM reads CROSS JOIN LATERAL (
         SELECT ct.chunk_id, ct.impact FROM chunk_terms ct
         WHERE ct.lexeme = reads.lexeme ORDER BY ct.impact DESC LIMIT reads.take
       ) p
     ),
     -- the write-time impact ranks candidates without reading a chunk
     candidates AS MATERIALIZED (
       SELECT p.chunk_id FROM postings p
       ${filterFirst ? `JOIN chunks c ON c.id = p.chunk_id JOIN articles a ON a.id = c.article_id WHERE ${FILTERS}` : ''}
       GROUP BY p.chunk_id ORDER BY sum(p.idf * p.impact) DESC, p.chunk_id LIMIT $10::int
     ),
     -- exact term frequencies: one primary-key probe per candidate and term (as a subquery, so
     -- the planner cannot choose to hash every posting of every term instead)
     matches AS MATERIALIZED (
       SELECT cand.chunk_id, terms.idf, terms.avg_length, c.bm25_length,
              (SELECT ct.tf FROM chunk_terms ct WHERE ct.lexeme = terms.lexeme AND ct.chunk_id = cand.chunk_id) AS tf
       FROM candidates cand
       JOIN chunks c ON c.id = cand.chunk_id JOIN articles a ON a.id = c.article_id
       CROSS JOIN terms
       WHERE ${FILTERS}
     )
     SELECT chunk_id, sum(
              idf * tf * ($6::float8 + 1) / (tf + $6::float8 * (1 - $7::float8 + $7::float8 * bm25_length / avg_length))
            )::float8 AS score,
            (SELECT count(*) FROM candidates)::int AS candidates
     FROM matches WHERE tf IS NOT NULL
     GROUP BY chunk_id
     ORDER BY score DESC, chunk_id
     LIMIT $9::int`,
    [
      input.query,
      ...filterValues(input.filters),
      BM25.k1,
      BM25.b,
      input.postingsPerTerm,
      input.limit,
      pool,
      budget,
      input.configs,
    ],
  );
  return {
    hits: rows.map((r) => ({ chunkId: Number(r.chunk_id), score: r.score })),
    candidates: rows[0]?.candidates ?? 0,
  };
}

/**
 * Nearest chunks by cosine similarity through the model's HNSW index. It relies on the session
 * settings openDatabase applies (iterative scans, ef_search 200), so it is one statement.
 */
export async function searchVector(
  db: Queryable,
  input: { vector: number[]; model: EmbeddingModel; filters: SearchFilters; limit: number },
): Promise<RankedChunk[]> {
  const approximate = await db.query<{ chunk_id: string; score: number }>(...sqlArgs(vectorSearchSql(input)));
  let rows = approximate.rows;
  // An iterative scan still stops after hnsw.max_scan_tuples; when a filter rejects most of a
  // query's neighbourhood that can leave the top-k short. Then read the filtered rows exactly.
  if (rows.length < input.limit)
    rows = (await db.query<{ chunk_id: string; score: number }>(...sqlArgs(vectorSearchSql({ ...input, exact: true }))))
      .rows;
  return rows.map((r) => ({ chunkId: Number(r.chunk_id), score: r.score }));
}

const sqlArgs = ({ text, values }: { text: string; values: unknown[] }): [string, unknown[]] => [text, values];

/** The nearest-neighbour statement searchVector runs (exported so a test can EXPLAIN it). */
export function vectorSearchSql({
  vector,
  model,
  filters,
  limit,
  exact = false,
}: {
  vector: number[];
  model: EmbeddingModel;
  filters: SearchFilters;
  limit: number;
  /** Order by the distance expression plus zero, which no index matches: an exact scan (ties by chunk id). */
  exact?: boolean;
}): { text: string; values: unknown[] } {
  // Model id and dimension are integers from our own table; as literals they let the planner
  // match the model's partial index.
  const dims = Number(model.dimensions);
  const text = `WITH nearest AS MATERIALIZED (
       SELECT c.id AS chunk_id, e.embedding::vector(${dims}) <=> $1::vector(${dims}) AS distance
       FROM embeddings e JOIN chunks c ON c.embed_hash = e.embed_hash JOIN articles a ON a.id = c.article_id
       WHERE e.model_id = ${Number(model.id)} AND ${FILTERS}
       ORDER BY ${exact ? `(e.embedding::vector(${dims}) <=> $1::vector(${dims})) + 0, c.id` : `e.embedding::vector(${dims}) <=> $1::vector(${dims})`}
       LIMIT $6::int
     )
     -- relaxed_order may return neighbours slightly out of order: sort the few we got
     SELECT chunk_id, (1 - distance)::float8 AS score FROM nearest ORDER BY distance, chunk_id`;
  return { text, values: [toVectorLiteral(vector), ...filterValues(filters), limit] };
}

/** What a hit shows about its chunk and article. */
export interface ChunkDetails {
  chunkId: number;
  articleId: string;
  source: string;
  title: string;
  url: string | null;
  headingPath: string[];
  text: string;
  visibility: 'public' | 'internal';
  locale: string;
  tags: string[];
}

/** Loads the chunk and article fields of the given chunk ids. */
export async function findChunkDetails(db: Queryable, chunkIds: number[]): Promise<Map<number, ChunkDetails>> {
  const { rows } = await db.query<{
    id: string;
    external_id: string;
    source: string;
    title: string;
    url: string | null;
    heading_path: string;
    text: string;
    visibility: 'public' | 'internal';
    locale: string;
    tags: string[];
  }>(
    `SELECT c.id, a.external_id, a.source, a.title, a.url, c.heading_path, c.text, a.visibility, a.locale, a.tags
     FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id = ANY($1::bigint[])`,
    [chunkIds],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        chunkId: Number(r.id),
        articleId: r.external_id,
        source: r.source,
        title: r.title,
        url: r.url,
        headingPath: r.heading_path === '' ? [] : r.heading_path.split(HEADING_SEPARATOR),
        text: r.text,
        visibility: r.visibility,
        locale: r.locale,
        tags: r.tags,
      },
    ]),
  );
}

/** How a heading path is stored in one text column (a generated tsvector cannot read an array). */
export const HEADING_SEPARATOR = ' › ';

/** The text search configurations chunks are stored with (one per language in the knowledge base). */
export async function findSearchConfigsInUse(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ config: string }>(
    `SELECT DISTINCT search_config_for(locale)::text AS config FROM (SELECT DISTINCT locale FROM articles) l`,
  );
  return rows.map((r) => r.config);
}

/** The text search configuration of a locale (the database holds the mapping: migration 0007). */
export async function findSearchConfig(db: Queryable, locale: string): Promise<string> {
  const { rows } = await db.query<{ config: string }>('SELECT search_config_for($1::text)::text AS config', [locale]);
  return rows[0]?.config ?? 'simple';
}
