import { writeFileSync } from 'node:fs';
import { checkGrounding, SUPPORT_THRESHOLD } from '../src/index.js';
import { parseEvalArgs, round } from './args.js';
import { binaryScores, rocAuc } from './binary-metrics.js';
import { runCorruption } from './corrupt.js';
import { readGroundingRecords } from './grounding-data.js';

/** `pnpm eval grounding --data FILE [--json] [--predictions FILE] [--corrupt]`. */
export async function run(args: string[]): Promise<number> {
  const parsed = parseEvalArgs(args, 'grounding');
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  const records = readGroundingRecords(parsed.data);
  const reports = records.map((r) => checkGrounding(r.answer, r.sources));
  const unsupportedActual = records.map((r) => r.label === 'unsupported');
  const unsupportedPredicted = reports.map((r) => !r.supported);
  const s = binaryScores(unsupportedPredicted, unsupportedActual);
  // A low support score means "unsupported", so AUC is computed on 1 - score.
  const auc = rocAuc(
    reports.map((r) => 1 - r.score),
    unsupportedActual,
  );
  const result: Record<string, unknown> = {
    n: records.length,
    balancedAccuracy: round(s.balancedAccuracy),
    auc: round(auc),
    threshold: SUPPORT_THRESHOLD,
    unsupported: { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) },
  };
  if (parsed.predictions !== undefined) {
    const lines = records.map((r, i) =>
      JSON.stringify({ id: r.id, supported: reports[i]?.supported, score: round(reports[i]?.score ?? 0) }),
    );
    writeFileSync(parsed.predictions, `${lines.join('\n')}\n`);
  }
  if (parsed.corrupt) result.corruption = runCorruption(records);
  if (parsed.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
