import { readFile } from 'node:fs/promises';

/** Resident memory of process `pid` in bytes (Linux /proc), for processes with no /metrics of their own. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/**
 * Growth of resident memory from the first `windowMs` of samples to the last, as a fraction:
 * of the windows' means, and of their lowest points. Between collections resident memory saws
 * (by a third for the Slack bot), so a window's mean depends on where the saw falls in it; its
 * lowest point is where a collection left the process, which is what a leak would raise.
 */
export function growthBetweenEnds(
  samples: readonly { at: number; bytes: number }[],
  windowMs: number,
): { mean: number; low: number } {
  const first = samples[0]?.at ?? 0;
  const last = samples.at(-1)?.at ?? 0;
  const head = samples.filter((s) => s.at - first <= windowMs).map((s) => s.bytes);
  const tail = samples.filter((s) => last - s.at <= windowMs).map((s) => s.bytes);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { mean: mean(tail) / mean(head) - 1, low: Math.min(...tail) / Math.min(...head) - 1 };
}
