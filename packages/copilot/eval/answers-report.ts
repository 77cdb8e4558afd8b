import type { AnswerEvalSummary } from './answer-metrics.js';

interface Row {
  label: string;
  pick: (s: AnswerEvalSummary) => number | undefined;
  format: (v: number) => string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const usd = (v: number) => `$${v.toFixed(4)}`;

function rows(summaries: AnswerEvalSummary[], hasReferences: boolean): Row[] {
  const stages = [...new Set(summaries.flatMap((s) => Object.keys(s.latencyMs)))];
  return [
    { label: 'hit rate (cites a judged article)', pick: (s) => s.hitRate, format: pct },
    { label: 'citation precision', pick: (s) => s.citation.precision, format: pct },
    { label: 'citation recall', pick: (s) => s.citation.recall, format: pct },
    { label: 'grounded answers', pick: (s) => s.groundedRate, format: pct },
    { label: 'abstentions', pick: (s) => s.abstentionRate, format: pct },
    ...(hasReferences
      ? [{ label: 'answer token F1', pick: (s: AnswerEvalSummary) => s.answerF1, format: (v: number) => v.toFixed(3) }]
      : []),
    ...stages.flatMap((stage) => [
      { label: `${stage} p50`, pick: (s: AnswerEvalSummary) => s.latencyMs[stage]?.p50, format: ms },
      { label: `${stage} p95`, pick: (s: AnswerEvalSummary) => s.latencyMs[stage]?.p95, format: ms },
    ]),
    { label: 'prompt tokens', pick: (s) => s.tokens.prompt, format: String },
    { label: 'completion tokens', pick: (s) => s.tokens.completion, format: String },
    { label: 'cost', pick: (s) => s.costUsd, format: usd },
  ];
}

/** The one-configuration report. */
export function printSummary(name: string, summary: AnswerEvalSummary, hasReferences: boolean): void {
  const lines = [`answers: ${summary.n} questions (${name})`];
  for (const row of rows([summary], hasReferences)) {
    const value = row.pick(summary);
    lines.push(`  ${row.label.padEnd(36)} ${value === undefined ? '-' : row.format(value)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Two configurations side by side, their difference, and the questions whose outcome changed. */
export function printComparison(
  runs: { config: { name: string }; summary: AnswerEvalSummary }[],
  changed: { id: string; question: string; from: string; to: string; f1: (number | undefined)[] }[],
  hasReferences: boolean,
): void {
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const cell = (text: string) => text.padStart(14);
  const lines = [
    `answers: ${a.summary.n} questions`,
    `  ${''.padEnd(36)} ${cell(a.config.name)} ${cell(b.config.name)} ${cell('difference')}`,
  ];
  for (const row of rows([a.summary, b.summary], hasReferences)) {
    const x = row.pick(a.summary);
    const y = row.pick(b.summary);
    const show = (v: number | undefined) => (v === undefined ? '-' : row.format(v));
    const diff = x === undefined || y === undefined ? '-' : `${y - x >= 0 ? '+' : '-'}${row.format(Math.abs(y - x))}`;
    lines.push(`  ${row.label.padEnd(36)} ${cell(show(x))} ${cell(show(y))} ${cell(diff)}`);
  }
  lines.push(`${changed.length} questions changed outcome${changed.length === 0 ? '' : ':'}`);
  for (const c of changed) {
    const f1 = c.f1.map((v) => (v === undefined ? '-' : v.toFixed(2))).join(' -> ');
    lines.push(`  ${c.id}  ${c.from} -> ${c.to}  (F1 ${f1})  ${c.question}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
