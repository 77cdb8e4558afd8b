import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../migrate.js';
import { type Database, openDatabase } from '../open-database.js';

/**
 * A throw-away migrated database for evaluations and benchmarks: a new database on the server
 * when `serverUrl` is given (dropped on close), else an in-memory PGlite. `template` clones an
 * existing server database instead of migrating.
 */
export async function openScratchDatabase(
  options: { serverUrl?: string | undefined; template?: string; poolSize?: number } = {},
): Promise<Database> {
  if (options.serverUrl === undefined) {
    const db = await openDatabase({ memory: true });
    await migrate(db.pool);
    return db;
  }
  const serverUrl = options.serverUrl;
  const name = `copilot_scratch_${randomBytes(6).toString('hex')}`;
  // Both names are generated here or fixed in code, never user input.
  await withServer(serverUrl, (admin) =>
    admin.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`),
  );
  const db = await openDatabase({ url: databaseUrl(serverUrl, name) }, { poolSize: options.poolSize ?? 8 });
  // A template may predate the latest migrations: bring the clone up to date (a no-op when it is).
  await migrate(db.pool);
  return {
    ...db,
    close: async () => {
      await db.close();
      await withServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs `work` on a short-lived client connected to `url`. */
export async function withServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
