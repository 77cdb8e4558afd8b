import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
