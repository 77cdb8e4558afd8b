import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const RawRecord = z.object({
  id: z.string(),
  question: z.string().optional(),
  sources: z.array(z.string()),
  answer: z.string(),
  label: z.string().min(1),
});

/** One labelled answer, its label reduced to the two classes the check predicts. */
export interface GroundingRecord {
  id: string;
  question?: string | undefined;
  sources: string[];
  answer: string;
  label: 'supported' | 'unsupported';
  /** The label as written in the file ('partial', ...), when it was neither class. */
  originalLabel: string;
}

/** What to do with a record whose label is neither supported nor unsupported. */
export type OtherLabels = 'skip' | 'unsupported';

/** Reads a JSONL file of grounding records, naming the line of any bad record. */
export function readGroundingRecords(
  path: string,
  otherLabels: OtherLabels = 'skip',
): { records: GroundingRecord[]; skipped: Record<string, number> } {
  const records: GroundingRecord[] = [];
  const skipped: Record<string, number> = {};
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
      const parsed = RawRecord.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path}:${i + 1}: ${issue?.path.join('.') ?? 'record'}: ${issue?.message ?? 'invalid'}`);
      }
      const { label, ...rest } = parsed.data;
      const lower = label.toLowerCase();
      if (lower === 'supported' || lower === 'unsupported') {
        records.push({ ...rest, label: lower, originalLabel: label });
      } else if (otherLabels === 'unsupported') {
        records.push({ ...rest, label: 'unsupported', originalLabel: label });
      } else {
        skipped[label] = (skipped[label] ?? 0) + 1;
      }
    });
  return { records, skipped };
}

/**
 * The key records are split by, so that records sharing a source do not straddle fit and
 * validation: Factcheck-GPT's response ("factcheckgpt:r12:..."), otherwise the sources' text
 * (BEGIN's knowledge snippet, WiCE's cited article).
 */
export function groupKey(record: GroundingRecord): string {
  const response = /^factcheckgpt:(r\d+):/.exec(record.id);
  if (response !== null) return `factcheckgpt:${response[1]}`;
  return record.sources.join('\n');
}

/** Which part a record belongs to: a fixed 30% of groups, by hash, is validation and never fit on. */
export type SplitPart = 'fit' | 'validation';

/** Deterministic split by the hash of the record's group key. */
export function splitPart(record: GroundingRecord): SplitPart {
  const digest = createHash('sha1').update(groupKey(record)).digest();
  return digest.readUInt32BE(0) % 10 < 3 ? 'validation' : 'fit';
}

/** The records of one part (or all of them). */
export function selectPart(records: readonly GroundingRecord[], part: SplitPart | 'all'): GroundingRecord[] {
  return part === 'all' ? [...records] : records.filter((r) => splitPart(r) === part);
}
