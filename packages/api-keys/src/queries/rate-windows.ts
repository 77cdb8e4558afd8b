import type { Queryable } from '@support/db';

/** A key's window after one request was counted against it. */
export interface RateWindow {
  allowed: boolean;
  count: number;
  previousCount: number;
  /** Seconds since the current window began. */
  elapsedSeconds: number;
}

// A key's estimated requests in the last 60 s before this one: the previous minute's count times the
// share of it still inside the last 60 s, plus this minute's.
const ESTIMATE = `CASE
      WHEN w.window_start = EXCLUDED.window_start THEN w.previous_count
      WHEN w.window_start = EXCLUDED.window_start - interval '1 minute' THEN w.count
      ELSE 0 END
    * (1 - extract(epoch FROM (now() - EXCLUDED.window_start)) / 60)
    + CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count ELSE 0 END`;

// One statement, one round trip, atomic under concurrency: the row lock taken by ON CONFLICT
// serialises two processes counting the same key. Every SET expression reads the old row, so the
// estimate below is the one before this request. The clock is the database's, shared by every process.
const TAKE_SQL = `
WITH t AS (SELECT date_bin('1 minute', now(), timestamptz '2000-01-01') AS start)
INSERT INTO api_key_rate_windows AS w (key_id, window_start, count, previous_count, allowed)
SELECT $1::uuid, t.start, 1, 0, $2::int >= 1 FROM t
ON CONFLICT (key_id) DO UPDATE SET
  window_start = EXCLUDED.window_start,
  previous_count = CASE
    WHEN w.window_start = EXCLUDED.window_start THEN w.previous_count
    WHEN w.window_start = EXCLUDED.window_start - interval '1 minute' THEN w.count
    ELSE 0 END,
  count = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count ELSE 0 END
    + CASE WHEN (${ESTIMATE}) < $2::int THEN 1 ELSE 0 END,
  allowed = (${ESTIMATE}) < $2::int
RETURNING allowed, count, previous_count,
  extract(epoch FROM (now() - window_start))::float8 AS elapsed_seconds`;

/** Counts one request against the key's `perMinute` allowance, if it fits; says whether it did. */
export async function takeRateWindow(db: Queryable, keyId: string, perMinute: number): Promise<RateWindow> {
  const { rows } = await db.query<{
    allowed: boolean;
    count: number;
    previous_count: number;
    elapsed_seconds: number;
  }>(TAKE_SQL, [keyId, perMinute]);
  const row = rows[0];
  if (row === undefined) throw new Error('takeRateWindow returned no row');
  return {
    allowed: row.allowed,
    count: row.count,
    previousCount: row.previous_count,
    elapsedSeconds: row.elapsed_seconds,
  };
}
