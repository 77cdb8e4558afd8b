import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openScratchDatabase } from '@support/db/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a finished command printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pnpm kb <args>` as a real child process (through tsx, as the root script does). */
export function runKb(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runEntry('apps/cli/src/main.ts', args, env);
}

/** Runs `pnpm eval <args>` as a real child process; an evaluation may take minutes on a busy machine. */
export function runEval(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runEntry('scripts/eval.ts', args, env, 300_000);
}

function runEntry(entry: string, args: string[], env: Record<string, string>, timeout = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', entry, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Where a CLI test's processes keep their knowledge base: a scratch server database when
 * TEST_DATABASE_URL is set, else a data folder under `dir`; the hashing embedder (no model to load).
 */
export async function openCliDatabase(dir: string): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const server = serverUrl ? await openScratchDatabase({ serverUrl }) : undefined;
  return {
    env: {
      EMBEDDING_PROVIDER: 'hashing',
      DATA_DIR: join(dir, 'data'),
      ...(server?.url ? { DATABASE_URL: server.url } : {}),
    },
    close: async () => {
      await server?.close();
    },
  };
}
