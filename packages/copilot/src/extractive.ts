/** A passage the extractive composer may quote, numbered as it will be cited. */
export interface ExtractSource {
  n: number;
  text: string;
}

const STOPWORDS = new Set(
  `a an and are as at be but by can do does for from has have how i if in into is it its my of on or our
  so that the their them then there these they this to was we what when where which who why will with
  you your me can't cannot don't did not no yes please tell get got`.split(/\s+/),
);
const SENTENCE = /(?<=[.!?])\s+(?=["'([]?[\p{Lu}\p{N}])/u;
const MAX_SENTENCES = 3;

/**
 * Answers without a model: picks the source sentences that share the most (rarer) words with the
 * question and cites each. Every sentence is quoted from its source, so it is grounded by
 * construction; the grounding check still runs on it like on any answer.
 */
export function composeExtractive(question: string, sources: ExtractSource[]): string {
  const terms = new Set(words(question));
  const candidates = sources.flatMap((source, rank) =>
    sentences(source.text).map((text, position) => ({
      n: source.n,
      rank,
      position,
      text,
      words: new Set(words(text)),
    })),
  );
  // Rarer words across the candidates weigh more, as in IDF.
  const documentFrequency = new Map<string, number>();
  for (const c of candidates) for (const w of c.words) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const scored = candidates
    .map((c) => {
      let score = 0;
      for (const term of terms) if (c.words.has(term)) score += 1 / (documentFrequency.get(term) ?? 1);
      // A small preference for the better-ranked source and for earlier sentences breaks ties.
      return { ...c, score: score > 0 ? score - c.rank * 0.01 - c.position * 0.001 : 0 };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const perSource = new Map<number, number>();
  const picked = scored.filter((c) => {
    const used = perSource.get(c.n) ?? 0;
    if (used >= 2) return false;
    perSource.set(c.n, used + 1);
    return true;
  });
  const chosen = picked.slice(0, MAX_SENTENCES);
  if (chosen.length === 0) {
    const first = candidates[0];
    return first === undefined ? '' : cite(first.text, first.n);
  }
  return chosen
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((c) => cite(c.text, c.n))
    .join(' ');
}

/** Plain sentences of a Markdown passage: headings, list markers and emphasis removed. */
export function sentences(markdown: string): string[] {
  return markdown
    .split(/\n{2,}|\n(?=\s*(?:[-*+]|\d+\.)\s)/)
    .map((block) =>
      block
        .replace(/^#{1,6}\s+.*$/gm, '')
        .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
        .replace(/\*\*|__|`/g, '')
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .flatMap((block) => block.split(SENTENCE))
    .map((s) => s.trim())
    .filter((s) => /[\p{L}]{2,}/u.test(s) && s.length <= 600);
}

function cite(sentence: string, n: number): string {
  const trimmed = sentence.replace(/\s+$/, '');
  const end = /[.!?]$/.test(trimmed) ? trimmed.slice(-1) : '.';
  const body = /[.!?]$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed;
  return `${body} [${n}]${end}`;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !STOPWORDS.has(w) && w.length > 1)
    .map((w) => (w.length > 5 ? w.slice(0, 5) : w));
}
