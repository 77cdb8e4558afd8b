import { type Pool, withTransaction } from '@support/db';
import { escapeIdentifier } from 'pg';
import { type ArticleInput, type Embedder, toSourceItem } from '../src/index.js';
import { chunkArticle } from '../src/ingest/chunk.js';
import { articleContentHash, chunkEmbedText, sha256 } from '../src/ingest/content-hash.js';
import { writePostings } from '../src/queries/chunks.js';
import { type EmbeddingModel, ensureEmbeddingModel, insertEmbeddings } from '../src/queries/embeddings.js';
import { HEADING_SEPARATOR } from '../src/queries/search.js';
import { RARE_TAG, type SyntheticOptions, syntheticArticle } from './synthetic-kb.js';

const BATCH = 1000;
// Two writers keep both cores busy: one generates and chunks while the server writes the other's batch.
const WRITERS = 2;

/**
 * Fills a scratch database in bulk with the rows ingestion writes (articles, chunks, BM25
 * postings, embeddings): indexing 100k articles one transaction at a time takes many minutes,
 * and this bench measures search, not ingestion.
 */
export async function fillSynthetic(pool: Pool, embedder: Embedder, articles: number, options: SyntheticOptions) {
  const started = performance.now();
  const model = await ensureEmbeddingModel(pool, { name: embedder.model, dimensions: embedder.dimensions });
  // One HNSW build over all vectors is much faster than growing the graph row by row.
  await pool.query(`DROP INDEX ${escapeIdentifier(`embeddings_hnsw_${model.id}`)}`);
  let chunks = 0;
  let next = 0;
  const writer = async () => {
    for (let from = next; from < articles; from = next) {
      next = from + BATCH;
      const written = await writeBatch(pool, embedder, model, options, from, Math.min(from + BATCH, articles));
      chunks += written;
      if (next % (BATCH * 10) === 0)
        process.stderr.write(`  ${chunks} chunks, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const indexStarted = performance.now();
  await withTransaction(pool, async (tx) => {
    // The build is far faster when the graph fits in maintenance_work_mem (the default is 64 MB).
    await tx.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await ensureEmbeddingModel(tx, { name: embedder.model, dimensions: embedder.dimensions });
  });
  const hnswBuildSeconds = (performance.now() - indexStarted) / 1000;
  // A live database has statistics from autovacuum; give the planner the same.
  await pool.query('VACUUM ANALYZE');
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM articles WHERE $1::text = ANY(tags) AND visibility = 'public'`,
    [RARE_TAG],
  );
  const fillSeconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `  ${chunks} chunks in ${fillSeconds.toFixed(0)} s (HNSW build ${hnswBuildSeconds.toFixed(0)} s)\n`,
  );
  return {
    articles,
    chunks,
    rarePublicArticles: rows[0]?.n ?? 0,
    fillSeconds: Number(fillSeconds.toFixed(3)),
    hnswBuildSeconds: Number(hnswBuildSeconds.toFixed(3)),
    model,
  };
}

async function writeBatch(
  pool: Pool,
  embedder: Embedder,
  model: EmbeddingModel,
  options: SyntheticOptions,
  from: number,
  to: number,
) {
  const articles: ArticleInput[] = [];
  for (let i = from; i < to; i++) {
    const item = toSourceItem('bench', syntheticArticle(i, options));
    if (item.kind === 'article') articles.push(item.article);
  }
  const inserted = await pool.query<{ id: string; external_id: string }>(
    `INSERT INTO articles (source, external_id, title, body, tags, visibility, content_hash)
     SELECT 'bench', e, t, b, string_to_array(g, ','), v, h
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(e, t, b, g, v, h)
     RETURNING id, external_id`,
    columns(
      articles.map((a) => ({ ...a, tags: a.tags.join(','), hash: articleContentHash(a) })),
      ['externalId', 'title', 'body', 'tags', 'visibility', 'hash'],
    ),
  );
  const ids = new Map(inserted.rows.map((r) => [r.external_id, r.id]));
  const rows = articles.flatMap((a) =>
    chunkArticle(a.body).map((c) => {
      const headingPath = c.headingPath.join(HEADING_SEPARATOR);
      const embedText = chunkEmbedText(a.title, headingPath, c.text);
      return {
        ...c,
        articleId: ids.get(a.externalId),
        title: a.title,
        headingPath,
        embedText,
        hash: sha256(embedText),
      };
    }),
  );
  await pool.query(
    `INSERT INTO chunks (article_id, ordinal, title, heading_path, text, token_count, embed_hash)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])`,
    columns(rows, ['articleId', 'ordinal', 'title', 'headingPath', 'text', 'tokenCount', 'hash']),
  );
  await writePostings(pool, [...ids.values()].map(Number));
  const vectors = await embedder.embed(rows.map((r) => r.embedText));
  await insertEmbeddings(
    pool,
    model.id,
    rows.map((r, i) => ({ hash: r.hash, vector: vectors[i] ?? [] })),
  );
  return rows.length;
}

// Column arrays for an INSERT ... SELECT FROM unnest(...): one parameter per column, not per row.
function columns<T>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
