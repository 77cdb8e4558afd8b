import { readFile, writeFile } from 'node:fs/promises';
import { migrate } from '../migrate.js';
import { type Database, openDatabase } from '../open-database.js';
import { databaseUrl, openScratchDatabase, withServer } from './scratch-database.js';

// Set by prepareTestTemplate in the suite's global setup and inherited by the test workers.
const TEMPLATE_DUMP_ENV = 'COPILOT_TEST_TEMPLATE_DUMP';
const TEMPLATE_DB_ENV = 'COPILOT_TEST_TEMPLATE_DB';

/**
 * Prepares the migrated template every test database is cloned from, once per test run, and
 * returns what removes it.
 * Embedded: a PGlite dump file (initdb in WASM costs ~6 s; loading a dump, under 1 s).
 * With a server URL: a template database on that server, named for this run, so two runs on one
 * server (two checkouts, CI beside a developer) never drop each other's template.
 */
export async function prepareTestTemplate(options: {
  serverUrl?: string;
  dumpFile: string;
}): Promise<() => Promise<void>> {
  const { serverUrl } = options;
  if (serverUrl !== undefined) {
    const template = `copilot_test_template_${process.pid}_${Date.now().toString(36)}`;
    await withServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${template}`));
    const db = await openDatabase({ url: databaseUrl(serverUrl, template) }, { poolSize: 1 });
    await migrate(db.pool);
    await db.close();
    process.env[TEMPLATE_DB_ENV] = template;
    return async () => {
      await withServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
    };
  }
  const db = await openDatabase({ memory: true });
  await migrate(db.pool);
  const dump = await db.dump();
  if (dump === undefined) throw new Error('an embedded database always has a dump');
  await writeFile(options.dumpFile, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env[TEMPLATE_DUMP_ENV] = options.dumpFile;
  return async () => {};
}

/**
 * A fresh, migrated database for one test file: PGlite by default, a new database on the
 * server when TEST_DATABASE_URL is set. `close()` drops it.
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = process.env[TEMPLATE_DB_ENV];
    if (template === undefined)
      throw new Error(
        `${TEMPLATE_DB_ENV} is not set: run tests through vitest, whose global setup prepares the template`,
      );
    return openScratchDatabase({ serverUrl, template, poolSize: 4 });
  }
  const dumpFile = process.env[TEMPLATE_DUMP_ENV];
  if (dumpFile === undefined)
    throw new Error(
      `${TEMPLATE_DUMP_ENV} is not set: run tests through vitest, whose global setup prepares the template`,
    );
  return openDatabase({ dump: new Blob([await readFile(dumpFile)]) });
}
