import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { migrate } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';

// Set by test/global-setup.ts: the migrated template, as a PGlite dump file or a server database name.
const TEMPLATE_DUMP_ENV = 'COPILOT_TEST_TEMPLATE_DUMP';
const TEMPLATE_DB = 'copilot_test_template';

/**
 * Prepares the migrated template every test database is cloned from, once per test run.
 * Embedded: a PGlite dump file (initdb in WASM costs ~6 s; loading a dump, under 1 s).
 * TEST_DATABASE_URL set: a template database on that server.
 */
export async function prepareTestTemplate(options: { serverUrl?: string; dumpFile: string }): Promise<void> {
  if (options.serverUrl !== undefined) {
    await withAdmin(options.serverUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
    const template = await openDatabase({ url: withDatabase(options.serverUrl, TEMPLATE_DB) }, { poolSize: 1 });
    await migrate(template.pool);
    await template.close();
    return;
  }
  const { writeFile } = await import('node:fs/promises');
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pglite = new PGlite({ extensions: { vector } });
  const pool = new pg.Pool(createPgConfig(pglite));
  await migrate(pool);
  await pool.end();
  await writeFile(options.dumpFile, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
  process.env[TEMPLATE_DUMP_ENV] = options.dumpFile;
}

/**
 * A fresh, migrated database for one test file: PGlite by default, a new database on the
 * server when TEST_DATABASE_URL is set. `close()` drops it.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `copilot_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
    const db = await openDatabase({ url: withDatabase(serverUrl, name) }, { poolSize: 4 });
    return {
      ...db,
      close: async () => {
        await db.close();
        await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const dumpFile = process.env[TEMPLATE_DUMP_ENV];
  if (dumpFile === undefined)
    throw new Error(
      `${TEMPLATE_DUMP_ENV} is not set: run tests through vitest, whose global setup prepares the template`,
    );
  return openDatabase({ dump: new Blob([await readFile(dumpFile)]) });
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
