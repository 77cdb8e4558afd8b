import type pg from 'pg';

/** The one method every query function needs; pg.Pool, pg.PoolClient and the PGlite adapter all have it. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A pool that can lend a dedicated client for a transaction. */
export interface Pool extends Queryable {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

/**
 * Runs `work` inside one transaction on a dedicated client, commits if it resolves,
 * rolls back if it throws, and always releases the client.
 */
export async function withTransaction<T>(pool: Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK fails is broken (the server restarted): destroy it rather than
  // hand it to the next caller.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
