import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig, PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { AppError } from './errors.js';
import type { Pool } from './queryable.js';

/** Where the knowledge base lives: a PostgreSQL server, or an embedded PGlite data folder. */
export type DatabaseTarget =
  | { url: string }
  /** `load`: fill a new data folder from a dump (a restore). */
  | { dataDir: string; load?: Blob }
  | { dump: Blob }
  | { memory: true };

/** An open database: one pool for all queries, and how to close it. */
export interface Database {
  pool: Pool;
  kind: 'postgres' | 'embedded';
  /** The connection string, for a server database. */
  url?: string;
  /** A snapshot of an embedded database (test database clones, backups); undefined on a server. */
  dump(options?: { compression?: 'none' | 'gzip' }): Promise<Blob | undefined>;
  close(): Promise<void>;
}

/**
 * Settings every session starts with, so that a vector search is one statement rather than a
 * transaction of four (each round trip costs about 0.3 ms of CPU on each side here).
 * - iterative HNSW scans: a selective filter still fills the top-k (a plain scan stops after
 *   ef_search candidates, most of which the filter may reject);
 * - ef_search 200 rather than pgvector's 40: on 100k near-tied vectors recall@10 was 0.76 at 100
 *   and 0.89 at 200.
 * (On a server JIT is off too: it compiles a plan in tens of milliseconds to save microseconds, a
 * loss for queries like ours whose cost estimates run high on small, fresh tables.)
 */
const SESSION_SETTINGS = { 'hnsw.iterative_scan': 'relaxed_order', 'hnsw.ef_search': '200' } as const;

/**
 * Opens the database that `target` names. An embedded data folder can be opened by one process
 * at a time: a second opener gets a `conflict` error that says which process holds it.
 * @example const db = await openDatabase(config.databaseUrl ? { url } : { dataDir: './.data/db' });
 */
export async function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<Database> {
  if ('url' in target) {
    const settings = Object.entries(SESSION_SETTINGS).map(([name, value]) => `-c ${name}=${value}`);
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      // With the server down, a request must fail in seconds (503), not wait for the OS to give up.
      connectionTimeoutMillis: 3000,
      options: ['-c jit=off', ...settings].join(' '),
    });
    // An idle client that errors (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return { pool, kind: 'postgres', url: target.url, dump: async () => undefined, close: () => pool.end() };
  }
  const release = 'dataDir' in target ? lockDataDir(target.dataDir) : () => undefined;
  try {
    const pglite =
      'dataDir' in target
        ? new PGlite(target.dataDir, {
            extensions: { vector },
            ...(target.load ? { loadDataDir: target.load } : {}),
          })
        : 'dump' in target
          ? new PGlite({ loadDataDir: target.dump, extensions: { vector } })
          : new PGlite({ extensions: { vector } });
    await pglite.waitReady;
    for (const [name, value] of Object.entries(SESSION_SETTINGS)) await pglite.query(`SET ${name} = '${value}'`);
    const pool = new pg.Pool({ ...createPgConfig(pglite), Client: pgliteClient(pglite) });
    return {
      pool,
      kind: 'embedded',
      dump: (dumpOptions) => pglite.dumpDataDir(dumpOptions?.compression ?? 'none'),
      close: async () => {
        await pool.end();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A pg client class with a connection of its own to `pglite`. PGlite's adapter hands every client
 * the same connection object: when the pool drops a client after a failed query, ending it removes
 * every listener and emits 'end' once the connection's pending work drains, by which time the
 * pool's next client listens on that same object and dies with "Connection terminated
 * unexpectedly". The pool still holds one client at a time (the adapter's poolSize of 1).
 */
function pgliteClient(pglite: PGlite): typeof pg.Client {
  return class PGliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PglitePgConnection({ pglite }) } as pg.ClientConfig);
    }
  };
}

// PGlite does not guard its folder: two processes writing one data dir corrupt it.
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'copilot.lock');
  const holder = readLockHolder(lockFile);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new AppError(
      'conflict',
      `the embedded database in ${dataDir} is in use by process ${holder} (the API server?). ` +
        'Stop that process, or send the command to the running API, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function readLockHolder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
