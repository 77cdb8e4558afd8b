import { setTimeout as sleep } from 'node:timers/promises';

/** What one request of a load run reports. */
export interface Outcome {
  kind: string;
  status: number;
  ms: number;
}

/** Everything a load run saw. */
export interface LoadResult {
  outcomes: Outcome[];
  /** Requests that threw (connection refused, reset, timeout) rather than answering. */
  failures: { kind: string; message: string }[];
}

/**
 * Runs `clients` concurrent loops for `seconds` (or while `seconds()` says to go on); each loop calls
 * `step(client, i)`, which makes one request and returns its kind and status. A request that throws
 * is recorded as a failure.
 */
export async function runLoad(
  clients: number,
  seconds: number | (() => boolean),
  step: (client: number, i: number) => Promise<{ kind: string; status: number }>,
): Promise<LoadResult> {
  const outcomes: Outcome[] = [];
  const failures: LoadResult['failures'] = [];
  const until = typeof seconds === 'number' ? Date.now() + seconds * 1000 : 0;
  const goOn = typeof seconds === 'number' ? () => Date.now() < until : seconds;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; goOn(); i++) {
        const started = performance.now();
        try {
          const { kind, status } = await step(client, i);
          outcomes.push({ kind, status, ms: performance.now() - started });
        } catch (error) {
          failures.push({ kind: 'request', message: (error as Error).message });
          await sleep(50);
        }
      }
    }),
  );
  return { outcomes, failures };
}

/** Reads an SSE response to its end; the names of the events it carried, in order. */
export async function readEventNames(res: Response): Promise<string[]> {
  const text = await res.text();
  return [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1] ?? '');
}

/** Calls `sample` every `everyMs` until `stop` aborts; the samples taken. */
export async function sampleEvery<T>(everyMs: number, stop: AbortSignal, sample: () => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  while (!stop.aborted) {
    samples.push(await sample());
    await sleep(everyMs, undefined, { signal: stop }).catch(() => undefined);
  }
  return samples;
}
