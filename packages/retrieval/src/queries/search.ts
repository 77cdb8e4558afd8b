import type { Queryable } from '../db/queryable.js';
import { BM25 } from './chunks.js';
import { type EmbeddingModel, toVectorLiteral } from './embeddings.js';

/** Which articles a search may return; every filter applies inside both search branches. */
export interface SearchFilters {
  visibility: ('public' | 'internal')[];
  locale?: string | undefined;
  /** Articles carrying any of these tags. */
  tags?: string[] | undefined;
  sources?: string[] | undefined;
}

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

/**
 * BM25 over the postings table, with OR semantics over the question's lexemes (an AND of every
 * word, as websearch_to_tsquery does, matches almost nothing for a natural-language question).
 * Each term reads at most `postingsPerTerm` of its postings, strongest first: a rare term's list
 * is read whole, a very common term's is cut where its contribution is smallest anyway.
 *
 * Two passes keep the common case cheap: first the best candidates are picked from the postings
 * alone (an index-only scan, no join), and only those are joined to their articles for the
 * filters and the exact score. When a selective filter leaves fewer than `limit` of them, the
 * filtered pass runs over every posting read, so a filter never shortens the top-k.
 */
export async function searchKeyword(
  db: Queryable,
  input: { query: string; filters: SearchFilters; limit: number; postingsPerTerm: number },
): Promise<RankedChunk[]> {
  const pool = Math.max(input.limit * 4, 200);
  const fast = await runKeyword(db, input, pool);
  // Fewer candidates than the pool holds means every matching chunk was a candidate already.
  if (fast.hits.length >= input.limit || (fast.candidates < pool && fast.hits.length > 0)) return fast.hits;
  return (await runKeyword(db, input, null)).hits;
}

async function runKeyword(
  db: Queryable,
  {
    query,
    filters,
    limit,
    postingsPerTerm,
  }: { query: string; filters: SearchFilters; limit: number; postingsPerTerm: number },
  candidatePool: number | null,
): Promise<{ hits: RankedChunk[]; candidates: number }> {
  const { rows } = await db.query<{ chunk_id: string; score: number; candidates: number }>(
    // MATERIALIZED and float8: inlined, the numeric ln() of the IDF ran once per posting read.
    `WITH terms AS MATERIALIZED (
       SELECT t.lexeme,
              ln(1 + (s.chunk_count - t.df + 0.5::float8) / (t.df + 0.5::float8)) AS idf,
              greatest(s.total_length / greatest(s.chunk_count, 1), 1)::float8 AS avg_length
       FROM (SELECT DISTINCT lexeme FROM unnest(to_tsvector('english'::regconfig, $1::text))) q
       -- LIMIT 1 tells the planner what the CHECK already guarantees: one row, not a table's worth
       JOIN term_stats t USING (lexeme) CROSS JOIN (SELECT * FROM corpus_stats LIMIT 1) s
     ),
     postings AS MATERIALIZED (
       SELECT p.chunk_id, p.tf, terms.idf, terms.avg_length, p.impact
       FROM terms CROSS JOIN LATERAL (
         SELECT ct.chunk_id, ct.tf, ct.impact FROM chunk_terms ct
         WHERE ct.lexeme = terms.lexeme ORDER BY ct.impact DESC LIMIT $8::int
       ) p
     ),
     -- the write-time impact ranks candidates without reading a chunk; NULL pool: keep them all
     candidates AS (
       SELECT chunk_id FROM postings GROUP BY chunk_id
       ORDER BY sum(idf * impact) DESC, chunk_id LIMIT $10::int
     )
     SELECT p.chunk_id, sum(
              p.idf * p.tf * ($6::float8 + 1) / (p.tf + $6::float8 * (1 - $7::float8 + $7::float8 * c.bm25_length / p.avg_length))
            )::float8 AS score,
            (SELECT count(*) FROM candidates)::int AS candidates
     FROM postings p JOIN candidates USING (chunk_id)
     JOIN chunks c ON c.id = p.chunk_id JOIN articles a ON a.id = c.article_id
     WHERE ${FILTERS}
     GROUP BY p.chunk_id
     ORDER BY score DESC, p.chunk_id
     LIMIT $9::int`,
    [query, ...filterValues(filters), BM25.k1, BM25.b, postingsPerTerm, limit, candidatePool],
  );
  return {
    hits: rows.map((r) => ({ chunkId: Number(r.chunk_id), score: r.score })),
    candidates: rows[0]?.candidates ?? 0,
  };
}

/**
 * Nearest chunks by cosine similarity through the model's HNSW index. Run it in a transaction:
 * it turns on pgvector's iterative index scan there, so a selective filter still fills `limit`
 * (a plain HNSW scan stops after ef_search candidates, most of which the filter may reject).
 */
export async function searchVector(
  tx: Queryable,
  input: { vector: number[]; model: EmbeddingModel; filters: SearchFilters; limit: number },
): Promise<RankedChunk[]> {
  await tx.query(`SET LOCAL hnsw.iterative_scan = 'relaxed_order'`);
  // ef_search 200: on 100k near-tied vectors recall@10 was 0.76 at 100 and 0.89 at 200.
  await tx.query(`SELECT set_config('hnsw.ef_search', $1::text, true)`, [String(Math.max(200, input.limit * 2))]);
  const approximate = await tx.query<{ chunk_id: string; score: number }>(...sqlArgs(vectorSearchSql(input)));
  let rows = approximate.rows;
  // An iterative scan still stops after hnsw.max_scan_tuples; when a filter rejects most of a
  // query's neighbourhood that can leave the top-k short. Then read the filtered rows exactly.
  if (rows.length < input.limit)
    rows = (await tx.query<{ chunk_id: string; score: number }>(...sqlArgs(vectorSearchSql({ ...input, exact: true }))))
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
  /** Order by the distance expression plus zero, which no index matches: an exact scan. */
  exact?: boolean;
}): { text: string; values: unknown[] } {
  // Model id and dimension are integers from our own table; as literals they let the planner
  // match the model's partial index.
  const dims = Number(model.dimensions);
  const text = `WITH nearest AS MATERIALIZED (
       SELECT c.id AS chunk_id, e.embedding::vector(${dims}) <=> $1::vector(${dims}) AS distance
       FROM embeddings e JOIN chunks c ON c.embed_hash = e.embed_hash JOIN articles a ON a.id = c.article_id
       WHERE e.model_id = ${Number(model.id)} AND ${FILTERS}
       ORDER BY ${exact ? `(e.embedding::vector(${dims}) <=> $1::vector(${dims})) + 0` : `e.embedding::vector(${dims}) <=> $1::vector(${dims})`}
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
