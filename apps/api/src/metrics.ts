import type { Answer } from '@support/copilot';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, on a registry of its own (no global state between apps). */
export interface ApiMetrics {
  registry: Registry;
  recordRequest(route: string, method: string, status: number, seconds: number): void;
  recordAnswer(answer: Answer): void;
}

/** Builds the metrics: the process's memory, handles and event-loop delay; requests and latency per route, answer stages, tokens, cost, cache, outcomes. */
export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  // The process's own health: resident memory, open handles, event-loop delay (p50/p99 since the last scrape).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new Counter({
    name: 'copilot_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'copilot_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const stages = new Histogram({
    name: 'copilot_answer_stage_duration_seconds',
    help: 'Time per answer pipeline stage',
    labelNames: ['stage'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'copilot_llm_tokens_total',
    help: 'Model tokens by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const cost = new Counter({ name: 'copilot_llm_cost_usd_total', help: 'Model cost in USD', registers: [registry] });
  const answers = new Counter({
    name: 'copilot_answers_total',
    help: 'Answers by outcome (answered, abstained, degraded) and whether the cache served them',
    labelNames: ['outcome', 'cached'],
    registers: [registry],
  });
  return {
    registry,
    recordRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route }, seconds);
    },
    recordAnswer(answer) {
      for (const stage of ['redact', 'retrieve', 'generate', 'check', 'total'] as const)
        stages.observe({ stage }, answer.timings[stage] / 1000);
      tokens.inc({ kind: 'prompt' }, answer.usage.promptTokens);
      tokens.inc({ kind: 'completion' }, answer.usage.completionTokens);
      cost.inc(answer.usage.costUsd);
      const outcome = answer.abstained ? 'abstained' : answer.degraded ? 'degraded' : 'answered';
      answers.inc({ outcome, cached: String(answer.cached) });
    },
  };
}
