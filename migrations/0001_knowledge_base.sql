-- Owner: @support/retrieval (packages/retrieval).
-- The knowledge base: articles, their chunks, the keyword index (BM25 postings) and embeddings.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL CHECK (source <> ''),
  external_id text NOT NULL CHECK (external_id <> ''),
  title text NOT NULL,
  url text,
  body text NOT NULL,
  locale text NOT NULL DEFAULT 'en',
  tags text[] NOT NULL DEFAULT '{}',
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
  -- hash of everything above that is indexed: an unchanged hash means no re-chunking and no re-embedding
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id)
);
CREATE INDEX articles_tags_idx ON articles USING gin (tags);

CREATE TABLE chunks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal int NOT NULL,
  -- the article title and heading path are copied here so the generated tsvector can weigh them
  title text NOT NULL,
  heading_path text NOT NULL DEFAULT '',
  text text NOT NULL CHECK (text <> ''),
  token_count int NOT NULL,
  -- hash of the exact text the embedder sees; embeddings are keyed by it, so identical text is embedded once
  embed_hash text NOT NULL,
  -- BM25 document length: the weighted term count of tsv, filled by the ingestion query
  bm25_length real NOT NULL DEFAULT 0,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A')
      || setweight(to_tsvector('english'::regconfig, heading_path), 'B')
      || to_tsvector('english'::regconfig, text)
  ) STORED,
  UNIQUE (article_id, ordinal)
);
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);
CREATE INDEX chunks_embed_hash_idx ON chunks (embed_hash);

-- The inverted index BM25 ranks from: one row per (lexeme, chunk). Derived from chunks.tsv in the
-- same transaction that writes the chunk, so the two never disagree.
CREATE TABLE chunk_terms (
  lexeme text NOT NULL,
  chunk_id bigint NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
  -- term frequency with title and heading occurrences weighted up (BM25F-style)
  tf real NOT NULL,
  -- the BM25 term-frequency factor at write time; only used to read the strongest postings of a
  -- very common term first, so a query bounds its work without reading the whole posting list
  impact real NOT NULL,
  PRIMARY KEY (lexeme, chunk_id)
);
CREATE INDEX chunk_terms_impact_idx ON chunk_terms (lexeme, impact DESC);
CREATE INDEX chunk_terms_chunk_idx ON chunk_terms (chunk_id);

-- Document frequencies and corpus size for BM25's IDF and length normalisation, kept current by
-- the triggers below whichever way chunks come and go (including cascades from deleted articles).
CREATE TABLE term_stats (
  lexeme text PRIMARY KEY,
  df int NOT NULL
);
CREATE TABLE corpus_stats (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  chunk_count bigint NOT NULL,
  total_length double precision NOT NULL
);
INSERT INTO corpus_stats (chunk_count, total_length) VALUES (0, 0);

CREATE FUNCTION chunk_terms_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- ORDER BY lexeme: concurrent writers take row locks in the same order and cannot deadlock
  INSERT INTO term_stats (lexeme, df)
  SELECT lexeme, count(*) FROM added GROUP BY lexeme ORDER BY lexeme
  ON CONFLICT (lexeme) DO UPDATE SET df = term_stats.df + excluded.df;
  RETURN NULL;
END $$;
CREATE TRIGGER chunk_terms_added AFTER INSERT ON chunk_terms
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION chunk_terms_count_added();

CREATE FUNCTION chunk_terms_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE term_stats t SET df = t.df - r.n
  FROM (SELECT lexeme, count(*) AS n FROM removed GROUP BY lexeme ORDER BY lexeme) r
  WHERE t.lexeme = r.lexeme;
  DELETE FROM term_stats t USING (SELECT DISTINCT lexeme FROM removed) r WHERE t.lexeme = r.lexeme AND t.df <= 0;
  RETURN NULL;
END $$;
CREATE TRIGGER chunk_terms_removed AFTER DELETE ON chunk_terms
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chunk_terms_count_removed();

CREATE FUNCTION chunks_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE corpus_stats SET chunk_count = chunk_count - (SELECT count(*) FROM changed),
      total_length = total_length - coalesce((SELECT sum(bm25_length) FROM changed), 0);
  ELSE
    UPDATE corpus_stats SET chunk_count = chunk_count + (SELECT count(*) FROM changed);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER chunks_added AFTER INSERT ON chunks
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION chunks_count_changed();
CREATE TRIGGER chunks_removed AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION chunks_count_changed();

-- bm25_length is set after insert (it needs the generated tsvector), so lengths are added on update.
CREATE FUNCTION chunks_length_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE corpus_stats SET total_length = total_length
    + coalesce((SELECT sum(bm25_length) FROM after_update), 0)
    - coalesce((SELECT sum(bm25_length) FROM before_update), 0);
  RETURN NULL;
END $$;
CREATE TRIGGER chunks_length_updated AFTER UPDATE ON chunks
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
  FOR EACH STATEMENT EXECUTE FUNCTION chunks_length_changed();

-- One row per embedding model; exactly one is active, and searches read only the active one.
-- A new model is filled beside the old one and switched with a single UPDATE.
CREATE TABLE embedding_models (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  dimensions int NOT NULL CHECK (dimensions BETWEEN 1 AND 16000),
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX embedding_models_one_active_idx ON embedding_models (active) WHERE active;

-- Keyed by (model, hash of the embedded text): this is also the embedding cache, so re-chunking
-- unchanged text or re-adding an article re-embeds nothing. Each model gets its own partial HNSW
-- index (created by the application when the model is registered, since its dimension varies).
CREATE TABLE embeddings (
  model_id int NOT NULL REFERENCES embedding_models (id) ON DELETE CASCADE,
  embed_hash text NOT NULL,
  embedding vector NOT NULL,
  PRIMARY KEY (model_id, embed_hash)
);
