import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openScratchDatabase } from '@support/db/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The API running as its own process, as `npm start` runs it. */
export interface ApiProcess {
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches `pattern` (e.g. the start banner). */
  waitFor(pattern: RegExp): Promise<void>;
  stop(): Promise<void>;
}

/** Starts apps/api/src/main.ts with `args` and only `env` (plus PATH); resolves once it listens. */
export function startApiProcess(args: string[], env: Record<string, string>): Promise<ApiProcess> {
  return startListeningProcess(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', ...args], {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    ...env,
  });
}

/** Runs `command` in the repository with exactly `env`; resolves once the API it starts listens. */
export async function startListeningProcess(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (data: Buffer) => {
    output += data.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      child.once('exit', (code) => reject(new Error(`API exited with ${code} before ${pattern}:\n${output}`)));
      check();
    });
  await waitFor(/"msg":"server.listening"/);
  const url = /"url":"(http:\/\/[^"]+)".*"msg":"server.listening"/.exec(output)?.[1] ?? '';
  return {
    url,
    output: () => output,
    waitFor,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The database a child process uses: a scratch database on TEST_DATABASE_URL's server when set,
 * else embedded in `dataDir`. Also sets the model-free embedder, as the tests need no model.
 */
export async function childDatabaseEnv(
  dataDir: string,
): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const server = serverUrl ? await openScratchDatabase({ serverUrl }) : undefined;
  return {
    env: { EMBEDDING_PROVIDER: 'hashing', DATA_DIR: dataDir, ...(server?.url ? { DATABASE_URL: server.url } : {}) },
    close: async () => {
      await server?.close();
    },
  };
}
