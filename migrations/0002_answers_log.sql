-- Owner: @support/copilot (packages/copilot).
-- The answer log: every exchange, redacted. Nothing here may hold a raw question or a PII value.
CREATE TABLE answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  audience text NOT NULL CHECK (audience IN ('agent', 'customer')),
  question text NOT NULL,
  answer text NOT NULL,
  citations jsonb NOT NULL,
  grounding jsonb NOT NULL,
  abstained boolean NOT NULL,
  degraded boolean NOT NULL,
  model text,
  prompt_version text NOT NULL,
  usage jsonb NOT NULL,
  timings jsonb NOT NULL,
  -- counts per PII type, never the values
  redactions jsonb NOT NULL,
  -- hash of the normalised redacted question, filters and audience; null when not cacheable
  cache_key text,
  -- content hashes of the cited articles when answered: a cached answer is valid while they match
  cited_articles jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX answers_cache_key_idx ON answers (cache_key, created_at DESC) WHERE cache_key IS NOT NULL;
CREATE INDEX answers_created_at_idx ON answers (created_at);

CREATE TABLE feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  answer_id uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  helpful boolean NOT NULL,
  reason text,
  -- redacted before it is stored
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_answer_id_idx ON feedback (answer_id);
