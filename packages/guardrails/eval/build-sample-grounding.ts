import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

// The sample knowledge base's written answers (kb/sample-questions/answers.jsonl) as grounding
// records: each answer against the article(s) its question is judged to, labelled supported. They
// are product-manual answers by the people who wrote the articles, the kind of text issue 10's
// corruption bars were set on, and the grounding model was never fit on them. With
// `pnpm eval grounding --data <out> --part all --corrupt` they give the corruption figures
// (numbers, negations, entities changed; false alarms on the originals).

const USAGE =
  'usage: tsx packages/guardrails/eval/build-sample-grounding.ts --out FILE [--kb kb/sample] [--questions kb/sample-questions]';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    kb: { type: 'string', default: 'kb/sample' },
    questions: { type: 'string', default: 'kb/sample-questions' },
  },
});
if (values.out === undefined) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
const questions = new Map(
  (await lines(join(values.questions, 'queries.jsonl'))).map((l) => {
    const q = JSON.parse(l) as { _id: string; text: string };
    return [q._id, q.text];
  }),
);
const judged = new Map<string, string[]>();
for (const line of (await lines(join(values.questions, 'qrels', 'test.tsv'))).slice(1)) {
  const [query, article] = line.split('\t');
  if (query && article) judged.set(query, [...(judged.get(query) ?? []), article]);
}
const records: string[] = [];
for (const line of await lines(join(values.questions, 'answers.jsonl'))) {
  const { query_id: id, answer } = JSON.parse(line) as { query_id: string; answer: string };
  const articles = judged.get(id) ?? [];
  if (articles.length === 0) throw new Error(`${id}: no judged article in qrels/test.tsv`);
  // The front matter is metadata, not text an answer could be read from.
  const sources = await Promise.all(
    articles.map(async (a) => (await readFile(join(values.kb, a), 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '')),
  );
  // An ellipsis joins two quoted stretches of the article; each stands as a sentence of the answer.
  const text = answer.replace(/\s*…\s*/g, '\n');
  records.push(JSON.stringify({ id, question: questions.get(id), sources, answer: text, label: 'supported' }));
}
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${records.join('\n')}\n`);
process.stdout.write(`${values.out}: ${records.length} answers\n`);
