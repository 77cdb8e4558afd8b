import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBeirJudgments } from '@support/retrieval/eval';
import { z } from 'zod';

/** One question of a set, with the articles that answer it and, when the set has one, a reference answer. */
export interface EvalQuestion {
  id: string;
  text: string;
  /** External ids of the articles judged to answer it. */
  judged: Set<string>;
  reference: string | undefined;
}

const AnswerLine = z.object({ query_id: z.string().min(1), answer: z.string() });

/**
 * Reads a BEIR question set: queries.jsonl, qrels/test.tsv and, optionally, answers.jsonl
 * (`{"query_id", "answer"}` per line). Only judged questions are kept, in file order.
 */
export async function readQuestionSet(folder: string): Promise<{ questions: EvalQuestion[]; hasReferences: boolean }> {
  const { queries, qrels } = await readBeirJudgments(folder);
  const references = await readReferences(join(folder, 'answers.jsonl'));
  const questions = [...queries].map(([id, text]) => ({
    id,
    text,
    judged: new Set([...(qrels.get(id) ?? [])].filter(([, grade]) => grade > 0).map(([doc]) => doc)),
    reference: references?.get(id),
  }));
  return { questions, hasReferences: references !== undefined };
}

async function readReferences(path: string): Promise<Map<string, string> | undefined> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const references = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = AnswerLine.safeParse(safeJson(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: expected {"query_id": string, "answer": string}`);
    references.set(parsed.data.query_id, parsed.data.answer);
  });
  return references;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
