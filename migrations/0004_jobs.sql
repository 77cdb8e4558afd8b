-- Owner: @support/retrieval (packages/retrieval).
-- Background jobs (re-index of a source), claimed by workers with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- claim order: timestamps tie within a clock tick (coarse in PGlite), a sequence never does
  seq bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('reindex')),
  source text NOT NULL CHECK (source <> ''),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  -- where the articles come from: a server folder (kept) or an upload (payload, dropped when the job ends)
  input_kind text NOT NULL CHECK (input_kind IN ('folder', 'articles', 'export')),
  folder text,
  -- the uploaded articles or export, stored with the job so a restarted process can still run it
  payload jsonb,
  -- progress, written with each heartbeat while the job runs
  seen int NOT NULL DEFAULT 0,
  added int NOT NULL DEFAULT 0,
  updated int NOT NULL DEFAULT 0,
  unchanged int NOT NULL DEFAULT 0,
  deleted int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0,
  -- per-article failures [{path, reason}]: they do not fail the job
  errors jsonb NOT NULL DEFAULT '[]',
  -- why the job failed, or why its full sync deleted nothing
  message text,
  attempts int NOT NULL DEFAULT 0,
  worker_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  CHECK ((input_kind = 'folder') = (folder IS NOT NULL))
);
-- At most one re-index per source runs at a time, whatever the number of workers: a second
-- worker's claim of the same source fails here instead of racing the first.
CREATE UNIQUE INDEX jobs_one_running_per_source_idx ON jobs (source) WHERE state = 'running';
-- What workers poll: queued jobs, oldest first.
CREATE INDEX jobs_queued_idx ON jobs (seq) WHERE state = 'queued';
