import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One labelled answer. */
export const GroundingRecord = z.object({
  id: z.string(),
  question: z.string().optional(),
  sources: z.array(z.string()),
  answer: z.string(),
  label: z.enum(['supported', 'unsupported']),
});
export type GroundingRecord = z.infer<typeof GroundingRecord>;

/** Reads a JSONL file of grounding records, naming the line of any bad record. */
export function readGroundingRecords(path: string): GroundingRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = GroundingRecord.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid record'}`);
      return parsed.data;
    });
}
