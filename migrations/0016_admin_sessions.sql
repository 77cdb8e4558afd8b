-- Owner: @support/api-keys (packages/api-keys).
-- Dashboard sessions: an admin key is exchanged once for a random session token, kept in an
-- HttpOnly cookie. Only the token's SHA-256 is stored; signing out deletes the row, so the cookie
-- is worthless afterwards. A revoked key ends its sessions (checked on every request, and cascaded
-- when the key row goes).
CREATE TABLE admin_sessions (
  token_hash text PRIMARY KEY,
  key_id uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX admin_sessions_expires_at_idx ON admin_sessions (expires_at);
