import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One of our apps running as its own process (node --import tsx), as a deployment runs it. */
export interface AppProcess {
  pid: number;
  /** The URL its start line announced. */
  url: string;
  /** The last 2 MB of what it printed. */
  output(): string;
  /** How many characters it has printed in all (a position for `waitFor`). */
  written(): number;
  /** Resolves with the match once what it printed after position `from` (default: the kept tail) matches `pattern`. */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** Sends a signal without waiting. */
  signal(name: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts `entry` (a path from the repository root) and waits for its log line `ready` carrying `"url"`. */
export async function startAppProcess(
  entry: string,
  options: { args?: string[]; env: Record<string, string>; ready: RegExp; logLevel?: string; nodeArgs?: string[] },
): Promise<AppProcess> {
  const nodeArgs = ['--import', 'tsx', ...(options.nodeArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: options.logLevel ?? 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let dropped = 0;
  const waiters = new Set<() => void>();
  const onData = (data: Buffer) => {
    // Only the tail matters for waiting; keep memory flat under a minute of load.
    output += data.toString();
    if (output.length > 2_000_000) {
      dropped += output.length - 2_000_000;
      output = output.slice(-2_000_000);
    }
    for (const check of waiters) check();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output.slice(Math.max(0, from - dropped)));
        if (match === null) return;
        waiters.delete(check);
        resolve(match);
      };
      waiters.add(check);
      void exited.then((code) => {
        if (waiters.has(check))
          reject(new Error(`${entry} exited (${code}) before ${pattern}:\n${output.slice(-4000)}`));
      });
      check();
    });
  await waitFor(options.ready);
  const line = output.split('\n').find((l) => options.ready.test(l)) ?? '';
  const url = /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1] ?? '';
  return {
    pid: child.pid ?? -1,
    url,
    output: () => output,
    written: () => dropped + output.length,
    waitFor,
    exited,
    signal: (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Node flags that preload the heap probe (support/heap-probe.mjs) read by `liveMemory`. */
export const HEAP_PROBE: string[] = ['--import', fileURLToPath(new URL('./heap-probe.mjs', import.meta.url))];

/** The API (apps/api/src/main.ts); `ready` on its server.listening line. */
export function startApi(
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  return startAppProcess('apps/api/src/main.ts', {
    args,
    env,
    ready: /"msg":"server.listening"/,
    logLevel: 'info',
    nodeArgs,
  });
}

/** The standalone Slack bot (apps/slackbot/src/main.ts) in HTTP mode; `url` is its events endpoint. */
export function startBot(env: Record<string, string>, nodeArgs: string[] = []): Promise<AppProcess> {
  return startAppProcess('apps/slackbot/src/main.ts', {
    env: { SLACK_PORT: '0', ...env },
    ready: /"msg":"slack.started"/,
    logLevel: 'info',
    nodeArgs,
  });
}

/** What a process started with HEAP_PROBE holds after a full garbage collection, in bytes. */
export interface LiveMemory {
  heapUsed: number;
  external: number;
  rss: number;
}

/** Asks a process started with HEAP_PROBE to collect garbage and report what it still holds. */
export async function liveMemory(app: AppProcess): Promise<LiveMemory> {
  const from = app.written();
  app.signal('SIGUSR2');
  const [, report] = await app.waitFor(/heap-probe (\{[^\n]*\})\n/, from);
  return JSON.parse(report ?? '{}') as LiveMemory;
}

/** The admin key the API makes on its first start in `dataDir`. */
export async function firstApiKey(dataDir: string): Promise<string> {
  return (await readFile(join(dataDir, 'first-api-key'), 'utf8')).trim();
}
