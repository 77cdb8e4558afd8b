import type { Queryable } from '@support/db';

/**
 * Inserts every key not yet claimed and returns the ones this call inserted. The caller owns the
 * delivery only if it got all of them: a key another delivery holds means the same message.
 */
export async function insertClaims(db: Queryable, keys: string[]): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `INSERT INTO slack_event_claims (key)
     SELECT unnest($1::text[])
     ON CONFLICT (key) DO NOTHING
     RETURNING key`,
    [keys],
  );
  return rows.map((row) => row.key);
}

/** Deletes claims older than `olderThanSeconds`; returns how many. */
export async function deleteOldClaims(db: Queryable, olderThanSeconds: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM slack_event_claims WHERE claimed_at < now() - make_interval(secs => $1::float8)`,
    [olderThanSeconds],
  );
  return rowCount ?? 0;
}
