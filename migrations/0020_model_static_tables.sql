-- Owner: @support/retrieval (packages/retrieval).
-- A static embedding table fitted to the knowledge base (`pnpm kb index` of a large source) is
-- the model: stored with it, so every process that opens the knowledge base (the API, the bot,
-- the CLI) embeds with the same table without a file to copy, and dropping the model drops it.
ALTER TABLE embedding_models ADD COLUMN static_table bytea;
