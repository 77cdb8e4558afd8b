import type { Queryable } from '@support/db';

/** Stores a session for a key, and deletes expired ones on the way (sign-ins are rare). */
export async function insertAdminSession(
  db: Queryable,
  session: { tokenHash: string; keyId: string; expiresAt: Date },
  at: Date,
): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE expires_at <= $1::timestamptz', [at]);
  await db.query(
    `INSERT INTO admin_sessions (token_hash, key_id, expires_at) VALUES ($1::text, $2::uuid, $3::timestamptz)`,
    [session.tokenHash, session.keyId, session.expiresAt],
  );
}

/**
 * The key id behind a live session: not expired at `at`, and its key neither revoked nor stripped
 * of the admin scope since (a session is never worth more than the key that opened it).
 */
export async function findAdminSession(
  db: Queryable,
  tokenHash: string,
  at: Date,
): Promise<{ keyId: string; expiresAt: Date } | undefined> {
  const { rows } = await db.query<{ key_id: string; expires_at: Date }>(
    `SELECT s.key_id, s.expires_at
     FROM admin_sessions s JOIN api_keys k ON k.id = s.key_id
     WHERE s.token_hash = $1::text AND s.expires_at > $2::timestamptz
       AND k.revoked_at IS NULL AND 'admin' = ANY (k.scopes)`,
    [tokenHash, at],
  );
  const row = rows[0];
  return row === undefined ? undefined : { keyId: row.key_id, expiresAt: row.expires_at };
}

/** Deletes a session; true when there was one. */
export async function deleteAdminSession(db: Queryable, tokenHash: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM admin_sessions WHERE token_hash = $1::text', [tokenHash]);
  return (rowCount ?? 0) > 0;
}
