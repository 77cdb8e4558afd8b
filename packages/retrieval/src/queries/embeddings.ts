import type { Queryable } from '@support/db';
import { escapeIdentifier } from 'pg';

/** A registered embedding model. */
export interface EmbeddingModel {
  id: number;
  name: string;
  dimensions: number;
  active: boolean;
}

/**
 * Registers a model (idempotent) and makes sure its HNSW index exists. The first model
 * registered becomes the active one.
 */
export async function ensureEmbeddingModel(
  db: Queryable,
  { name, dimensions }: { name: string; dimensions: number },
): Promise<EmbeddingModel> {
  const { rows } = await db.query<{ id: number; name: string; dimensions: number; active: boolean }>(
    `INSERT INTO embedding_models (name, dimensions, active)
     VALUES ($1::text, $2::int, NOT EXISTS (SELECT 1 FROM embedding_models WHERE active))
     ON CONFLICT (name) DO UPDATE SET name = excluded.name
     RETURNING id, name, dimensions, active`,
    [name, dimensions],
  );
  const model = rows[0];
  if (model === undefined) throw new Error('ensureEmbeddingModel returned no row');
  if (model.dimensions !== dimensions)
    throw new Error(`embedding model ${name} is stored with ${model.dimensions} dimensions, not ${dimensions}`);
  await ensureVectorIndex(db, model);
  return model;
}

const vectorIndexName = (modelId: number) => escapeIdentifier(`embeddings_hnsw_${Number(modelId)}`);

/**
 * Creates the model's HNSW index if it is missing (after a bulk load dropped it, or a run that
 * did so was killed). Per-model partial index: the dimension is part of the index expression, so
 * it cannot be shared. Both interpolated values are integers from our own table.
 */
export async function ensureVectorIndex(
  db: Queryable,
  model: Pick<EmbeddingModel, 'id' | 'dimensions'>,
): Promise<void> {
  await db.query(
    `CREATE INDEX IF NOT EXISTS ${vectorIndexName(model.id)} ON embeddings
     USING hnsw ((embedding::vector(${Number(model.dimensions)})) vector_cosine_ops)
     WHERE model_id = ${Number(model.id)}`,
  );
}

/**
 * Drops the model's HNSW index for a bulk load: inserting into HNSW vector by vector cost more
 * than everything else an index run writes, several times what one build at the end costs.
 * Vector search stays exact (a scan) until `ensureVectorIndex` builds it again.
 */
export async function dropVectorIndex(db: Queryable, modelId: number): Promise<void> {
  await db.query(`DROP INDEX IF EXISTS ${vectorIndexName(modelId)}`);
}

/** How many vectors the model has stored. */
export async function countEmbeddings(db: Queryable, modelId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM embeddings WHERE model_id = $1::int', [
    modelId,
  ]);
  return rows[0]?.n ?? 0;
}

/** The active embedding model, the only one searches read. */
export async function findActiveModel(db: Queryable): Promise<EmbeddingModel | undefined> {
  const { rows } = await db.query<EmbeddingModel>(
    'SELECT id, name, dimensions, active FROM embedding_models WHERE active',
  );
  return rows[0];
}

/** Stores a static embedding table with its model (registered already), replacing any stored one. */
export async function storeModelTable(db: Queryable, modelId: number, table: Uint8Array): Promise<void> {
  await db.query('UPDATE embedding_models SET static_table = $2::bytea WHERE id = $1::int', [modelId, table]);
}

/** The active model's stored static table, when it is a static model fitted to this knowledge base. */
export async function findActiveModelTable(db: Queryable): Promise<{ name: string; table: Uint8Array } | undefined> {
  const { rows } = await db.query<{ name: string; static_table: Uint8Array }>(
    'SELECT name, static_table FROM embedding_models WHERE active AND static_table IS NOT NULL',
  );
  const row = rows[0];
  return row === undefined ? undefined : { name: row.name, table: row.static_table };
}

/**
 * Makes `modelId` the active model in one statement, so searches switch atomically, unless a chunk
 * still lacks its embedding: the check is part of the same statement, so a chunk written by an
 * indexer after a separate check could not slip through. Returns whether it switched.
 */
export async function activateModel(db: Queryable, modelId: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE embedding_models SET active = (id = $1::int)
     WHERE (active OR id = $1::int)
       AND NOT EXISTS (SELECT 1 FROM chunks c
                       WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = $1::int AND e.embed_hash = c.embed_hash))`,
    [modelId],
  );
  return (rowCount ?? 0) > 0;
}

/** A stored embedding model and how much of the knowledge base it covers. */
export interface EmbeddingModelStatus {
  name: string;
  dimensions: number;
  active: boolean;
  /** Distinct chunk texts of the knowledge base with this model's vector, of `texts`. */
  embedded: number;
  texts: number;
}

/** Every stored model, the active one first, with how many of the knowledge base's texts it has embedded. */
export async function listEmbeddingModels(db: Queryable): Promise<EmbeddingModelStatus[]> {
  // Counted over the chunks' distinct texts, not the embeddings table: vectors of texts no chunk
  // uses any more (kept until the orphan sweep) must not make a model look complete.
  const { rows } = await db.query<{
    name: string;
    dimensions: number;
    active: boolean;
    embedded: number;
    texts: number;
  }>(
    `WITH texts AS (SELECT DISTINCT embed_hash FROM chunks)
     SELECT m.name, m.dimensions, m.active,
            (SELECT count(*) FROM texts t JOIN embeddings e ON e.model_id = m.id AND e.embed_hash = t.embed_hash)::int AS embedded,
            (SELECT count(*) FROM texts)::int AS texts
     FROM embedding_models m ORDER BY m.active DESC, m.id`,
  );
  return rows;
}

/** How many distinct chunk texts have no vector of the model yet. */
export async function countChunksWithoutEmbedding(db: Queryable, modelId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT c.embed_hash)::int AS n FROM chunks c
     WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = $1::int AND e.embed_hash = c.embed_hash)`,
    [modelId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Deletes every model but the active one: its vectors and fusion weights go with it (ON DELETE
 * CASCADE), and its HNSW index is dropped. Returns the names deleted.
 */
export async function deleteInactiveModels(db: Queryable): Promise<{ dropped: string[]; kept: string[] }> {
  // Only models registered before the active one are old. One registered after it is a candidate
  // being filled or compared (`kb reembed --model`), not yet switched to: dropping it would throw
  // away the work of filling it, so it is kept and named.
  const { rows } = await db.query<{ id: number; name: string }>(
    `DELETE FROM embedding_models
     WHERE NOT active AND id < (SELECT id FROM embedding_models WHERE active)
     RETURNING id, name`,
  );
  await dropModelIndexes(db, rows);
  const { rows: kept } = await db.query<{ name: string }>(
    'SELECT name FROM embedding_models WHERE NOT active ORDER BY id',
  );
  return { dropped: rows.map((r) => r.name), kept: kept.map((r) => r.name) };
}

/** Deletes one model that is not the active one, with its vectors, index and weights; false when there is none of that name. */
export async function deleteModel(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query<{ id: number; name: string }>(
    'DELETE FROM embedding_models WHERE name = $1::text AND NOT active RETURNING id, name',
    [name],
  );
  await dropModelIndexes(db, rows);
  return rows.length > 0;
}

async function dropModelIndexes(db: Queryable, models: readonly { id: number }[]): Promise<void> {
  for (const model of models) await dropVectorIndex(db, model.id);
}

/** Of the given text hashes, those with no stored embedding for the model. */
export async function findMissingEmbeddings(db: Queryable, modelId: number, hashes: string[]): Promise<string[]> {
  const { rows } = await db.query<{ h: string }>(
    `SELECT h FROM unnest($2::text[]) AS h
     WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = $1::int AND e.embed_hash = h)`,
    [modelId, hashes],
  );
  return rows.map((r) => r.h);
}

/** Stores embeddings; a hash stored already is left as it is. */
export async function insertEmbeddings(
  db: Queryable,
  modelId: number,
  items: { hash: string; vector: number[] }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `INSERT INTO embeddings (model_id, embed_hash, embedding)
     SELECT $1::int, h, v::vector FROM unnest($2::text[], $3::text[]) AS t(h, v)
     ON CONFLICT DO NOTHING`,
    [modelId, items.map((i) => i.hash), items.map((i) => toVectorLiteral(i.vector))],
  );
}

/** Chunks of the knowledge base that have no embedding for the model yet (after a model switch). */
export async function findChunksWithoutEmbedding(
  db: Queryable,
  modelId: number,
  limit: number,
): Promise<{ hash: string; title: string; headingPath: string; text: string }[]> {
  const { rows } = await db.query<{ embed_hash: string; title: string; heading_path: string; text: string }>(
    `SELECT DISTINCT ON (c.embed_hash) c.embed_hash, c.title, c.heading_path, c.text FROM chunks c
     WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = $1::int AND e.embed_hash = c.embed_hash)
     LIMIT $2::int`,
    [modelId, limit],
  );
  return rows.map((r) => ({ hash: r.embed_hash, title: r.title, headingPath: r.heading_path, text: r.text }));
}

/** Removes embeddings no chunk uses any more; returns how many. */
export async function deleteOrphanEmbeddings(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM embeddings e WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.embed_hash = e.embed_hash)',
  );
  return rowCount ?? 0;
}

/**
 * pgvector's text form; `v::vector` parses it. Nine significant digits round-trip a float4
 * (what pgvector stores) exactly, at half the text of a double's shortest form.
 */
export function toVectorLiteral(vector: number[]): string {
  return `[${vector.map((x) => x.toPrecision(9)).join(',')}]`;
}
