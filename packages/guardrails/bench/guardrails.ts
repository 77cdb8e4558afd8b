import { performance } from 'node:perf_hooks';
import { checkGrounding, redact } from '../src/index.js';
import { sourceText, supportText } from './synthetic.js';

/** `pnpm bench guardrails`: prints PII throughput and grounding latency. Figures are printed, never asserted. */
export async function run(_args: string[]): Promise<number> {
  const text = supportText(1_000_000);
  // Redaction works per message; 2 KB chunks look like real tickets and keep compromise's cost linear.
  const chunks = text.match(/[\s\S]{1,2000}(?=\s|$)/g) ?? [text];
  const mb = Buffer.byteLength(text) / 1e6;
  const structured = throughput(chunks, mb, ['PERSON', 'STREET_ADDRESS', 'DATE_OF_BIRTH']);
  const noPerson = throughput(chunks, mb, ['PERSON']);
  const smaller = chunks.slice(0, Math.ceil(chunks.length / 10));
  const withPerson = throughput(smaller, mb / 10, []);
  // CPU throughput beside wall-clock: on a shared machine the second mostly measures the queue.
  const rate = (r: Throughput) => `${r.wall.toFixed(2)} MB/s (cpu ${r.cpu.toFixed(2)} MB/s)`;
  process.stdout.write(`pii detect+redact, structured types only:        ${rate(structured)}\n`);
  process.stdout.write(`pii detect+redact, all types except PERSON:     ${rate(noPerson)}\n`);
  process.stdout.write(`pii detect+redact, all types (with PERSON):     ${rate(withPerson)}\n`);
  const cpuBefore = process.cpuUsage();
  const latencies = groundingLatencies(200);
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time per check is printed too: on a shared machine wall-clock percentiles mostly measure the queue.
  const cpuMs = (cpu.user + cpu.system) / 1000 / (latencies.length + 20);
  process.stdout.write(
    `grounding, 150-word answer vs 5 x 300-word sources: p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms, cpu ${cpuMs.toFixed(2)} ms per check\n`,
  );
  return 0;
}

// Structured = EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, SECRET, URL (shape-based detectors).
interface Throughput {
  wall: number;
  cpu: number;
}

function throughput(chunks: readonly string[], mb: number, exclude: string[]): Throughput {
  for (const c of chunks.slice(0, 20)) redact(c, { exclude });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const c of chunks) redact(c, { exclude });
  const cpu = process.cpuUsage(cpu0);
  return { wall: mb / ((performance.now() - t0) / 1000), cpu: mb / ((cpu.user + cpu.system) / 1e6) };
}

function groundingLatencies(runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const sources = [1, 2, 3, 4, 5].map((k) => sourceText(300, i * 10 + k));
    // Half the answer copies source phrases, half is new text, with a citation per sentence.
    const answer = `${sourceText(75, i * 10 + 1).replace(/\./g, ' [1].')} ${sourceText(75, 9999 + i).replace(/\./g, ' [2].')}`;
    const t0 = performance.now();
    checkGrounding(answer, sources);
    if (i >= 20) out.push(performance.now() - t0);
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
