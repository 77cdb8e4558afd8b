-- Owner: @support/api-keys (packages/api-keys).
-- Each key's requests in the current minute and the one before, shared by every API process on
-- this database, so N copies of the API still hold a key to its limit (not N times it).
-- A sliding-window estimate: the previous minute counts by how much of it the last 60 s overlap.
-- UNLOGGED: counts are worth no WAL; after a crash they start again from zero, which only forgives.
CREATE UNLOGGED TABLE api_key_rate_windows (
  key_id uuid PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  previous_count integer NOT NULL DEFAULT 0,
  -- whether the request that last wrote this row was let through
  allowed boolean NOT NULL
);
