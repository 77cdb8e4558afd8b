import type { Queryable } from '@support/db';

/** What a key may do. */
export type ApiScope = 'answer' | 'search' | 'feedback' | 'admin';

/** A stored key, without its secret. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  audience: 'agent' | 'customer';
  allowedOrigins: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  audience: 'agent' | 'customer';
  allowed_origins: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, prefix, scopes, audience, allowed_origins, created_at, last_used_at, revoked_at';

const toRecord = (r: ApiKeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes,
  audience: r.audience,
  allowedOrigins: r.allowed_origins,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** Stores a new key by its hash. */
export async function insertApiKey(
  db: Queryable,
  key: {
    name: string;
    prefix: string;
    keyHash: string;
    scopes: ApiScope[];
    audience: string;
    allowedOrigins: string[];
  },
): Promise<ApiKeyRecord> {
  const { rows } = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (name, prefix, key_hash, scopes, audience, allowed_origins)
     VALUES ($1::text, $2::text, $3::text, $4::text[], $5::text, $6::text[])
     RETURNING ${COLUMNS}`,
    [key.name, key.prefix, key.keyHash, key.scopes, key.audience, key.allowedOrigins],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('insertApiKey returned no row');
  return toRecord(row);
}

/** The live (not revoked) key with this hash. */
export async function findApiKeyByHash(db: Queryable, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const { rows } = await db.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1::text AND revoked_at IS NULL`,
    [keyHash],
  );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** Every key, newest first, revoked ones included. */
export async function listApiKeys(db: Queryable): Promise<ApiKeyRecord[]> {
  const { rows } = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`);
  return rows.map(toRecord);
}

/** Revokes a key; false when there is no such live key. */
export async function revokeApiKey(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL',
    [id],
  );
  return (rowCount ?? 0) > 0;
}

/** Records that a key was used; callers throttle it, it is not on every request. */
export async function touchApiKey(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1::uuid', [id]);
}

/** How many live keys exist (the API creates a first one when there are none). */
export async function countLiveApiKeys(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL');
  return rows[0]?.n ?? 0;
}
