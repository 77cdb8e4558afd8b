import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from './errors.js';
import { readSchemaVersion } from './migrate.js';
import { openDatabase } from './open-database.js';

/**
 * Writes a copy of the embedded database in `dataDir` to `file` (a gzipped tarball). It opens the
 * folder, so it takes the lock: a running API must be stopped first (its pid is named), which is
 * also what makes the copy consistent. The file appears whole or not at all.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!(await isNonEmptyDir(dataDir)))
    throw new AppError('not_found', `${dataDir}: no embedded database here to back up`);
  const db = await openDatabase({ dataDir });
  try {
    const dump = await db.dump({ compression: 'gzip' });
    if (dump === undefined) throw new Error('embedded database gave no dump');
    const bytes = Buffer.from(await dump.arrayBuffer());
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, file);
    return { bytes: bytes.length };
  } finally {
    await db.close();
  }
}

/**
 * Restores a backup made by backupEmbedded into `dataDir`. Refuses a folder that holds anything
 * unless `force`; the backup is opened and checked in a folder beside it first, so a bad file
 * leaves the existing database untouched.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  options: { force?: boolean } = {},
): Promise<{ schemaVersion: number }> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('invalid_input', `${file}: cannot read the backup (${error.code ?? error.message})`);
  });
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new AppError('invalid_input', `${file}: not a backup made by "pnpm kb backup" (expected a gzipped tarball)`);
  if ((await isNonEmptyDir(dataDir)) && !options.force)
    throw new AppError(
      'conflict',
      `${dataDir} already holds a database; restore into an empty folder, or add --force to replace it`,
    );
  const staging = join(dirname(dataDir), `.restore-${randomBytes(4).toString('hex')}`);
  let schemaVersion: number | undefined;
  try {
    schemaVersion = await loadInto(staging, bytes, file);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // The old folder goes only once the new one has opened; a running API holding it is refused first.
  if (await isNonEmptyDir(dataDir)) {
    const probe = await openDatabase({ dataDir }).catch((error: unknown) => error);
    if (probe instanceof Error) {
      await rm(staging, { recursive: true, force: true });
      throw probe;
    }
    await (probe as Awaited<ReturnType<typeof openDatabase>>).close();
  }
  await rm(dataDir, { recursive: true, force: true });
  await rename(staging, dataDir);
  return { schemaVersion };
}

async function loadInto(staging: string, bytes: Buffer, file: string): Promise<number> {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase({ dataDir: staging, load: new Blob([bytes]) });
  } catch (error) {
    throw new AppError('invalid_input', `${file}: not a readable database backup (${(error as Error).message})`, {
      cause: error,
    });
  }
  try {
    const version = await readSchemaVersion(db.pool).catch(() => undefined);
    if (version === undefined)
      throw new AppError('invalid_input', `${file}: a PostgreSQL data folder, but not a support copilot database`);
    return version;
  } finally {
    await db.close();
  }
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) return false;
  if (!info.isDirectory()) throw new AppError('invalid_input', `${dir}: not a folder`);
  return (await readdir(dir)).some((name) => name !== 'copilot.lock');
}
