import type { Queryable } from '@support/db';

// A reference keyword ranker to measure ours against: Okapi BM25 over whole documents (title and
// body as one field), in memory, the way BEIR baselines are usually run (Lucene's analyzer,
// Anserini's k1 0.9 / b 0.4 or Lucene's defaults 1.2 / 0.75). Nothing of the product is shared
// with it but Postgres's Snowball stemmer: no chunking, no field weights, no postings tables.

/** Okapi BM25 parameters. */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** The two textbook settings the evaluation prints. */
export const TEXTBOOK_BM25: Record<string, Bm25Params> = {
  'bm25 0.9/0.4': { k1: 0.9, b: 0.4 },
  'bm25 1.2/0.75': { k1: 1.2, b: 0.75 },
};

// Lucene's English stop words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET).
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** Lower-cased words and numbers, possessive 's dropped, stop words removed (Lucene's EnglishAnalyzer, before stemming). */
export function textbookWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [])
    .map((w) => w.replace(/'s$/, '').replace(/'/g, ''))
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

/** A textbook BM25 index over documents, ranking queries by document id. */
export interface TextbookBm25 {
  rank(query: string, params: Bm25Params, limit: number): string[];
}

/**
 * Builds the index. Stems come from Postgres's `english_stem` dictionary (Snowball's English
 * stemmer, the successor of the Porter stemmer Lucene uses), asked once for the whole vocabulary.
 */
export async function buildTextbookBm25(
  db: Queryable,
  documents: readonly { id: string; text: string }[],
  queries: readonly string[],
): Promise<TextbookBm25> {
  const docWords = documents.map((d) => textbookWords(d.text));
  const vocabulary = new Set([...docWords.flat(), ...queries.flatMap(textbookWords)]);
  const stems = await stemAll(db, [...vocabulary]);
  const stem = (w: string) => stems.get(w) ?? w;
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = docWords.map((words, doc) => {
    const tf = new Map<string, number>();
    for (const w of words) tf.set(stem(w), (tf.get(stem(w)) ?? 0) + 1);
    for (const [term, n] of tf) {
      let list = postings.get(term);
      if (list === undefined) {
        list = [];
        postings.set(term, list);
      }
      list.push({ doc, tf: n });
    }
    return words.length;
  });
  const n = documents.length;
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  return {
    rank(query, { k1, b }, limit) {
      const scores = new Map<number, number>();
      for (const term of new Set(textbookWords(query).map(stem))) {
        const list = postings.get(term);
        if (list === undefined) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = k1 * (1 - b + (b * (lengths[doc] ?? 0)) / avgLength);
          scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / (tf + norm));
        }
      }
      return [...scores]
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, limit)
        .map(([doc]) => documents[doc]?.id ?? '');
    },
  };
}

// Snowball's own stop list is longer than Lucene's: a word it drops keeps its own form here.
async function stemAll(db: Queryable, words: string[]): Promise<Map<string, string>> {
  const stems = new Map<string, string>();
  for (let i = 0; i < words.length; i += 20_000) {
    const { rows } = await db.query<{ word: string; stem: string | null }>(
      `SELECT w AS word, (ts_lexize('english_stem', w))[1] AS stem FROM unnest($1::text[]) AS w`,
      [words.slice(i, i + 20_000)],
    );
    for (const r of rows) stems.set(r.word, r.stem ?? r.word);
  }
  return stems;
}
