import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '@support/db';
import { type PiiMapping, redact } from '@support/guardrails';
import { type RatedAnswerRow, readRatedAnswers } from './testset-sql.js';

/** Which answers become test questions: helpful ones only, or unrated ones too. */
export type MinFeedback = 'helpful' | 'any';

/** What an export wrote. */
export interface TestsetSummary {
  questions: number;
  judgments: number;
  review: number;
  files: string[];
}

/**
 * Writes a BEIR question set from the answer log into `folder`: the questions agents marked
 * helpful (with `minFeedback: 'any'`, unrated answers too) as queries.jsonl, the articles those
 * answers cited as qrels/test.tsv, the answers as answers.jsonl (references for token F1), and the
 * not-helpful ones in review.jsonl for a person to judge. The same question asked twice is one
 * query. Everything is redacted again on the way out: the log is redacted when written, but by the
 * detector of that day, and an export is a file that travels.
 */
export async function exportTestset(
  db: Queryable,
  folder: string,
  options: { since?: Date | null; minFeedback?: MinFeedback } = {},
): Promise<TestsetSummary> {
  const clean = redactAgain;
  const rows = await readRatedAnswers(db, {
    since: options.since ?? null,
    includeUnrated: (options.minFeedback ?? 'helpful') === 'any',
  });
  const queries = new Map<string, { id: string; text: string; judged: Set<string>; answer: string }>();
  const review: object[] = [];
  for (const row of rows) {
    const question = clean(row.question);
    if (row.helpful === false || row.abstained || row.citations.length === 0) {
      review.push(reviewLine(row, question, clean));
      continue;
    }
    const key = question
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[\s?.!]+$/, '');
    const query = queries.get(key) ?? {
      id: `log-${String(queries.size + 1).padStart(4, '0')}`,
      text: question,
      judged: new Set<string>(),
      answer: clean(row.answer).replace(/\s*\[\d+\]/g, ''),
    };
    for (const citation of row.citations) query.judged.add(citation.articleId);
    queries.set(key, query);
  }
  const all = [...queries.values()];
  await mkdir(join(folder, 'qrels'), { recursive: true });
  const files = {
    'queries.jsonl': all.map((q) => JSON.stringify({ _id: q.id, text: q.text })),
    'answers.jsonl': all.map((q) => JSON.stringify({ query_id: q.id, answer: q.answer })),
    'qrels/test.tsv': [
      'query-id\tcorpus-id\tscore',
      ...all.flatMap((q) => [...q.judged].map((a) => `${q.id}\t${a}\t1`)),
    ],
    'review.jsonl': review.map((line) => JSON.stringify(line)),
  };
  for (const [name, lines] of Object.entries(files))
    await writeFile(join(folder, name), lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  return {
    questions: all.length,
    judgments: all.reduce((sum, q) => sum + q.judged.size, 0),
    review: review.length,
    files: Object.keys(files),
  };
}

// The log's own placeholders stay as they are (redacting them again would escape them as
// <LITERAL_n>); whatever is between them is redacted, numbered after them.
const PLACEHOLDER = /(<[A-Z][A-Z_]*_\d+>)/;
function redactAgain(text: string): string {
  const pieces = text.split(PLACEHOLDER);
  let mapping: PiiMapping = Object.fromEntries(
    pieces.filter((_, i) => i % 2 === 1).map((p) => [p.slice(1, -1), `\u0000${p}`]),
  );
  return pieces
    .map((piece, i) => {
      if (i % 2 === 1 || piece === '') return piece;
      const result = redact(piece, { mapping });
      mapping = result.mapping;
      return result.text;
    })
    .join('');
}

function reviewLine(row: RatedAnswerRow, question: string, clean: (text: string) => string) {
  return {
    answer_id: row.id,
    question,
    answer: clean(row.answer),
    cited: row.citations.map((c) => c.articleId),
    abstained: row.abstained,
    helpful: row.helpful,
    reason: row.reason === null ? null : clean(row.reason),
    comment: row.comment === null ? null : clean(row.comment),
  };
}
