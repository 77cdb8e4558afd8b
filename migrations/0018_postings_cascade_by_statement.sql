-- Owner: @support/retrieval (packages/retrieval).
-- Postings go with their chunk through one statement-level trigger instead of a foreign key.
-- The key cost a referential check per posting on insert (a chunk has ~80 postings; on embedded
-- PGlite that check was about a fifth of an index run's database time) and a cascade per row on
-- delete. Postings are only ever written from the chunks table in the transaction that wrote
-- the chunk (writePostings), so the check guarded nothing those writes could get wrong.
ALTER TABLE chunk_terms DROP CONSTRAINT chunk_terms_chunk_id_fkey;

CREATE FUNCTION chunks_remove_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Fires chunk_terms_removed in turn, which keeps term_stats.
  DELETE FROM chunk_terms t USING removed r WHERE t.chunk_id = r.id;
  RETURN NULL;
END $$;
CREATE TRIGGER chunks_remove_postings AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chunks_remove_postings();
