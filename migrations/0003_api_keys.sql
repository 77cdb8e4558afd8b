-- Owner: @support/api-keys (packages/api-keys).
-- API keys: only a hash is stored; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- the key's first characters, so a person can tell keys apart in a list
  prefix text NOT NULL,
  -- SHA-256 of the whole key: keys are 32 random bytes, so a slow password hash adds nothing
  key_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL CHECK (scopes <@ ARRAY['answer', 'search', 'feedback', 'admin']::text[] AND cardinality(scopes) > 0),
  audience text NOT NULL CHECK (audience IN ('agent', 'customer')),
  -- browser origins allowed to use a customer key (CORS); empty means server-to-server only
  allowed_origins text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
