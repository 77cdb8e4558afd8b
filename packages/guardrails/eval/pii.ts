import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { detect } from '../src/index.js';
import { parseEvalArgs, round } from './args.js';
import { ourType } from './pii-mapping.js';
import {
  addRecord,
  type Counts,
  type EvalSpan,
  emptyCounts,
  overlaps,
  sameBoundaries,
  scores,
  type TypeScores,
} from './span-metrics.js';

const PresidioRecord = z.object({
  full_text: z.string(),
  template_id: z.union([z.number(), z.string()]).optional(),
  spans: z.array(
    z.object({
      entity_type: z.string(),
      entity_value: z.string().optional(),
      start_position: z.number().int(),
      end_position: z.number().int(),
    }),
  ),
});
const PresidioFile = z.array(PresidioRecord);
type PresidioRecord = z.infer<typeof PresidioRecord>;

// Records from one template share their wording, so the split is by template: 30% of template ids
// (by hash) are validation, never looked at while tuning the detectors.
function templatePart(record: PresidioRecord): 'fit' | 'validation' {
  const digest = createHash('sha1')
    .update(`template-${record.template_id ?? ''}`)
    .digest();
  return digest.readUInt32BE(0) % 10 < 3 ? 'validation' : 'fit';
}

/** `pnpm eval pii --data FILE [--json] [--predictions FILE] [--part fit|validation|all]`: per-type scores on a presidio-research file. */
export async function run(args: string[]): Promise<number> {
  const parsed = parseEvalArgs(args, 'pii');
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  const part = parsed.part;
  const records = PresidioFile.parse(JSON.parse(readFileSync(parsed.data, 'utf8'))).filter(
    (r) => part === 'all' || templatePart(r) === part,
  );
  const labels = new Set(records.flatMap((r) => r.spans.map((s) => s.entity_type)));
  const mapped = [...labels].filter((l) => ourType(l) !== undefined).sort();
  const unmapped = [...labels].filter((l) => ourType(l) === undefined).sort();
  const outputLabel = labelForOurTypes(records, mapped);
  const counts = { overlap: new Map<string, Counts>(), exact: new Map<string, Counts>() };
  const lines: string[] = [];
  records.forEach((record, index) => {
    const predicted = predict(record.full_text, outputLabel);
    lines.push(
      JSON.stringify({ index, spans: predicted.map((p) => ({ entity_type: p.label, start: p.start, end: p.end })) }),
    );
    for (const label of mapped) {
      const gold = record.spans
        .filter((s) => s.entity_type === label)
        .map((s) => ({ label, start: s.start_position, end: s.end_position }));
      const mine = predicted.filter((p) => ourType(p.label) === ourType(label));
      for (const [rule, match] of [
        ['overlap', overlaps],
        ['exact', sameBoundaries],
      ] as const) {
        const bucket = counts[rule].get(label) ?? emptyCounts();
        addRecord(bucket, gold, mine, match);
        counts[rule].set(label, bucket);
      }
    }
  });
  if (parsed.predictions !== undefined) writeFileSync(parsed.predictions, `${lines.join('\n')}\n`);
  const result = {
    overlap: toScores(counts.overlap),
    exact: toScores(counts.exact),
    unmapped,
  };
  if (parsed.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(formatTable(result, records.length));
  return 0;
}

// Predictions carry the dataset's own label for our type, so they can be scored by other tools.
function labelForOurTypes(records: readonly PresidioRecord[], mapped: readonly string[]): Map<string, string> {
  const frequency = new Map<string, number>();
  for (const r of records)
    for (const s of r.spans) frequency.set(s.entity_type, (frequency.get(s.entity_type) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const label of [...mapped].sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0))) {
    const ours = ourType(label);
    if (ours !== undefined) out.set(ours, label);
  }
  return out;
}

// The dataset counts offsets in code points (Python); JavaScript strings count UTF-16 units.
function predict(text: string, outputLabel: ReadonlyMap<string, string>): EvalSpan[] {
  const toCodePoint = codePointIndex(text);
  return detect(text).map((s) => ({
    label: outputLabel.get(s.type) ?? s.type,
    start: toCodePoint[s.start] ?? s.start,
    end: toCodePoint[s.end] ?? s.end,
  }));
}

function codePointIndex(text: string): number[] {
  const index: number[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    index.push(cp);
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) cp++;
  }
  index.push(cp);
  return index;
}

function toScores(byLabel: ReadonlyMap<string, Counts>): Record<string, TypeScores> {
  const out: Record<string, TypeScores> = {};
  for (const [label, c] of [...byLabel].sort(([a], [b]) => a.localeCompare(b))) {
    const s = scores(c);
    out[label] = {
      support: s.support,
      precision: round(s.precision),
      recall: round(s.recall),
      f1: round(s.f1),
      f2: round(s.f2),
    };
  }
  return out;
}

function formatTable(
  result: { overlap: Record<string, TypeScores>; exact: Record<string, TypeScores>; unmapped: string[] },
  n: number,
): string {
  const rows = [
    `${n} records`,
    'type               support  | overlap P     R     F1    F2   | exact P     R     F1    F2',
  ];
  for (const [label, o] of Object.entries(result.overlap)) {
    const e = result.exact[label];
    const f = (s: TypeScores | undefined): string =>
      s === undefined ? '' : [s.precision, s.recall, s.f1, s.f2].map((v) => v.toFixed(3)).join(' ');
    rows.push(`${label.padEnd(18)} ${String(o.support).padStart(7)}  | ${f(o)} | ${f(e)}`);
  }
  rows.push(`unmapped (not detected): ${result.unmapped.join(', ') || 'none'}`);
  return `${rows.join('\n')}\n`;
}
