// Test and evaluation support: `@support/db/testing`, kept out of the production entry.

/** A throw-away migrated database (in-memory PGlite, or a new database on a server) for evals and benches. */
export { openScratchDatabase } from './scratch-database.js';
/** A migrated template per test run (global setup), a fresh clone of it per test file. */
export { openTestDatabase, prepareTestTemplate } from './test-database.js';
