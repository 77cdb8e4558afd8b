import { type Database, openDatabase } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';

/**
 * The PostgreSQL server the several-process and load scenarios run on: TEST_DATABASE_URL. They are
 * about processes sharing one server, so embedded PGlite (one process) cannot stand in for it.
 */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL: required for this scenario (several processes share one PostgreSQL), e.g. postgres://postgres@127.0.0.1:5432/postgres',
    );
  return url;
}

/** A fresh migrated database on the test server, dropped on close; `url` for child processes. */
export async function openServerScratch(): Promise<Database & { url: string }> {
  const db = await openScratchDatabase({ serverUrl: serverUrl(), poolSize: 4 });
  if (db.url === undefined) throw new Error('scratch database has no url');
  return { ...db, url: db.url };
}

/** A small pool on `url`, for checking what the processes wrote. */
export function openChecker(url: string): Promise<Database> {
  return openDatabase({ url }, { poolSize: 2 });
}
