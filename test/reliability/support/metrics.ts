/** One sample of a process's health, read from its Prometheus /metrics. */
export interface ProcessSample {
  at: number;
  rssBytes: number;
  /** Event-loop delay p99 since the previous scrape, in ms. */
  eventLoopP99Ms: number;
  /** Open handles (sockets, timers, servers) the process holds. */
  handles: number;
}

/** Reads the default process metrics the API exposes on /metrics. */
export async function sampleProcess(baseUrl: string): Promise<ProcessSample> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const value = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]);
  };
  return {
    at: Date.now(),
    rssBytes: value('process_resident_memory_bytes'),
    eventLoopP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    handles: value('nodejs_active_handles_total'),
  };
}

/** Percentile (nearest rank) of `values`, 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** "p50 12 ms, p95 40 ms, p99 85 ms (n=1200)" */
export function describeLatencies(ms: readonly number[]): string {
  const f = (p: number) => `p${p} ${Math.round(percentile(ms, p))} ms`;
  return `${f(50)}, ${f(95)}, ${f(99)} (n=${ms.length})`;
}
