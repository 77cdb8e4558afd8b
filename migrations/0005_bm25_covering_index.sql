-- Owner: @support/retrieval (packages/retrieval).
-- Keyword search reads each query term's strongest postings first; carrying chunk_id and tf in
-- the index lets it do that with an index-only scan instead of a heap visit per posting.
DROP INDEX chunk_terms_impact_idx;
CREATE INDEX chunk_terms_impact_idx ON chunk_terms (lexeme, impact DESC) INCLUDE (chunk_id, tf);
