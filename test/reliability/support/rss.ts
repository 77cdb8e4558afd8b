import { readFile } from 'node:fs/promises';

/** Resident memory of process `pid` in bytes (Linux /proc), for processes with no /metrics of their own. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** Growth of the mean of the last `window` ms over the mean of the first `window` ms, as a fraction. */
export function growthBetweenEnds(samples: readonly { at: number; bytes: number }[], windowMs: number): number {
  const first = samples[0]?.at ?? 0;
  const last = samples.at(-1)?.at ?? 0;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const head = mean(samples.filter((s) => s.at - first <= windowMs).map((s) => s.bytes));
  const tail = mean(samples.filter((s) => last - s.at <= windowMs).map((s) => s.bytes));
  return tail / head - 1;
}
