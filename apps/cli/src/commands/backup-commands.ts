import { parseArgs } from 'node:util';
import { backupEmbedded, databaseTarget, restoreEmbedded } from '@support/db';
import { loadConfig } from '../config.js';
import { type StandaloneCommand, UsageError } from './command.js';

// They handle the data folder themselves (a restore must not open the database it replaces).
function embeddedDataDir(verb: string): string {
  const target = databaseTarget(loadConfig());
  if (!('dataDir' in target))
    throw new UsageError(`${verb}: DATABASE_URL is set; back up a PostgreSQL server with pg_dump / pg_restore`);
  return target.dataDir;
}

/** `kb backup <file>`: the embedded database, as one gzipped file. */
export const backupCommand: StandaloneCommand = {
  usage: 'pnpm kb backup <file>                  (the embedded database; stop the API first)',
  standalone: true,
  async run(args, { stdout }) {
    const [file, ...extra] = args;
    if (file === undefined || extra.length > 0) throw new UsageError('backup: expected one file name');
    const dataDir = embeddedDataDir('backup');
    const { bytes } = await backupEmbedded(dataDir, file);
    stdout.write(`backed up ${dataDir} to ${file} (${(bytes / 1e6).toFixed(1)} MB)\n`);
    return 0;
  },
};

/** `kb restore <file> [--force]`: replaces nothing unless told to. */
export const restoreCommand: StandaloneCommand = {
  usage: 'pnpm kb restore <file> [--force]       (into an empty DATA_DIR; --force replaces what is there)',
  standalone: true,
  async run(args, { stdout }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new UsageError('restore: expected one file name');
    const dataDir = embeddedDataDir('restore');
    const { schemaVersion } = await restoreEmbedded(file, dataDir, { force: values.force });
    stdout.write(`restored ${file} into ${dataDir} (schema version ${schemaVersion})\n`);
    return 0;
  },
};
