import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Qrels } from './metrics.js';

const QueryLine = z.object({ _id: z.string(), text: z.string() });

/** Reads a BEIR folder's queries.jsonl and qrels/<split>.tsv (header line, then query, doc, score). */
export async function readBeirJudgments(
  folder: string,
  split = 'test',
): Promise<{ queries: Map<string, string>; qrels: Qrels }> {
  const qrels: Qrels = new Map();
  const lines = (await readFile(join(folder, 'qrels', `${split}.tsv`), 'utf8')).split('\n').slice(1);
  for (const line of lines) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId) continue;
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(docId, Number(score ?? 1));
    qrels.set(queryId, judged);
  }
  const queries = new Map<string, string>();
  const reader = createInterface({ input: createReadStream(join(folder, 'queries.jsonl')), crlfDelay: Infinity });
  for await (const line of reader) {
    if (line.trim() === '') continue;
    const query = QueryLine.parse(JSON.parse(line));
    if (qrels.has(query._id)) queries.set(query._id, query.text);
  }
  return { queries, qrels };
}
