import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTestTemplate } from '@support/db/testing';

/** Builds the migrated template database once per test run; every test file clones it. */
export async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'copilot-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  const dropTemplate = await prepareTestTemplate({
    dumpFile: join(dir, 'template.tar'),
    ...(serverUrl ? { serverUrl } : {}),
  });
  return async () => {
    await dropTemplate();
    await rm(dir, { recursive: true, force: true });
  };
}
