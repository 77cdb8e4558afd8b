-- Owner: @support/retrieval (packages/retrieval).
-- Keyword search scores its candidates exactly by looking up each query term's (lexeme, chunk)
-- posting; carrying tf in the primary key's index answers that from the index alone.
ALTER TABLE chunk_terms DROP CONSTRAINT chunk_terms_pkey;
ALTER TABLE chunk_terms ADD CONSTRAINT chunk_terms_pkey PRIMARY KEY (lexeme, chunk_id) INCLUDE (tf);
