-- Owner: @support/retrieval (packages/retrieval).
-- Full-text search in each article's own language. Until now every chunk was tokenised with the
-- English configuration: German or French articles were stemmed as English and their stop words
-- indexed. Each chunk now carries the text search configuration of its article's locale, its
-- tsvector (and so its BM25 postings) is built with it, and a query is tokenised with every
-- configuration in use (or the one of its locale filter).

-- The locale's language ('de', 'de-AT', 'pt_BR'...) to a PostgreSQL configuration; 'simple'
-- (lower-casing, no stemming, no stop words) for languages PostgreSQL has no stemmer for.
-- plpgsql so it is never inlined: the regconfig cast inside is only stable, the mapping is not.
CREATE FUNCTION search_config_for(locale text) RETURNS regconfig
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
  RETURN (CASE lower(split_part(replace(locale, '_', '-'), '-', 1))
    WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french'
    WHEN 'es' THEN 'spanish' WHEN 'it' THEN 'italian' WHEN 'pt' THEN 'portuguese'
    WHEN 'nl' THEN 'dutch' WHEN 'sv' THEN 'swedish' WHEN 'da' THEN 'danish'
    WHEN 'fi' THEN 'finnish' WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian'
    WHEN 'nn' THEN 'norwegian' WHEN 'ru' THEN 'russian' WHEN 'hu' THEN 'hungarian'
    WHEN 'ro' THEN 'romanian' WHEN 'tr' THEN 'turkish'
    ELSE 'simple' END)::regconfig;
END
$$;

ALTER TABLE chunks ADD COLUMN search_config regconfig NOT NULL DEFAULT 'english';
-- A generated column's expression cannot be altered: drop it (and its GIN index) and add it back.
ALTER TABLE chunks DROP COLUMN tsv;
ALTER TABLE chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(search_config, title), 'A')
    || setweight(to_tsvector(search_config, heading_path), 'B')
    || to_tsvector(search_config, text)
) STORED;
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);

-- Chunks of articles in another language: new configuration, so new lengths and postings. The
-- statements below are those of queries/chunks.ts writePostings as of this migration (k1 1.2,
-- b 0.75, title x2, heading x1.5); the term and corpus statistics follow through their triggers.
UPDATE chunks c SET search_config = search_config_for(a.locale)
FROM articles a
WHERE a.id = c.article_id AND search_config_for(a.locale) <> 'english'::regconfig;

DELETE FROM chunk_terms WHERE chunk_id IN (SELECT id FROM chunks WHERE search_config <> 'english'::regconfig);

UPDATE chunks c SET bm25_length = l.len
FROM (
  SELECT c2.id, sum((SELECT sum(CASE w WHEN 'A' THEN 2 WHEN 'B' THEN 1.5 ELSE 1 END) FROM unnest(u.weights) AS w)) AS len
  FROM chunks c2, unnest(c2.tsv) AS u
  WHERE c2.search_config <> 'english'::regconfig
  GROUP BY c2.id
) l
WHERE c.id = l.id;

INSERT INTO chunk_terms (lexeme, chunk_id, tf, impact)
SELECT u.lexeme, c.id, t.tf,
       t.tf * (1.2 + 1) / (t.tf + 1.2 * (1 - 0.75 + 0.75 * c.bm25_length
         / greatest(s.total_length / greatest(s.chunk_count, 1), 1)))
FROM chunks c CROSS JOIN corpus_stats s, unnest(c.tsv) AS u,
     LATERAL (SELECT sum(CASE w WHEN 'A' THEN 2 WHEN 'B' THEN 1.5 ELSE 1 END) AS tf FROM unnest(u.weights) AS w) t
WHERE c.search_config <> 'english'::regconfig;
