import { readFile, writeFile } from 'node:fs/promises';
import { migrate } from '../migrate.js';
import { type Database, openDatabase } from '../open-database.js';
import { databaseUrl, openScratchDatabase, withServer } from './scratch-database.js';

// Set by prepareTestTemplate in the suite's global setup and inherited by the test workers.
const TEMPLATE_DUMP_ENV = 'COPILOT_TEST_TEMPLATE_DUMP';
const TEMPLATE_DB = 'copilot_test_template';

/**
 * Prepares the migrated template every test database is cloned from, once per test run.
 * Embedded: a PGlite dump file (initdb in WASM costs ~6 s; loading a dump, under 1 s).
 * With a server URL: a template database on that server.
 */
export async function prepareTestTemplate(options: { serverUrl?: string; dumpFile: string }): Promise<void> {
  if (options.serverUrl !== undefined) {
    await withServer(options.serverUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
    const db = await openDatabase({ url: databaseUrl(options.serverUrl, TEMPLATE_DB) }, { poolSize: 1 });
    await migrate(db.pool);
    await db.close();
    return;
  }
  const db = await openDatabase({ memory: true });
  await migrate(db.pool);
  const dump = await db.dump();
  if (dump === undefined) throw new Error('an embedded database always has a dump');
  await writeFile(options.dumpFile, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env[TEMPLATE_DUMP_ENV] = options.dumpFile;
}

/**
 * A fresh, migrated database for one test file: PGlite by default, a new database on the
 * server when TEST_DATABASE_URL is set. `close()` drops it.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return openScratchDatabase({ serverUrl, template: TEMPLATE_DB, poolSize: 4 });
  const dumpFile = process.env[TEMPLATE_DUMP_ENV];
  if (dumpFile === undefined)
    throw new Error(
      `${TEMPLATE_DUMP_ENV} is not set: run tests through vitest, whose global setup prepares the template`,
    );
  return openDatabase({ dump: new Blob([await readFile(dumpFile)]) });
}
