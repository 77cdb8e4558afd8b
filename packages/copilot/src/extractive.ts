/** A passage the extractive composer may quote, numbered as it will be cited. */
export interface ExtractSource {
  n: number;
  text: string;
}

// Not guardrails' stop-word list, on purpose: this one scores a question's words against source
// sentences, so it also drops how agents phrase a question (the last two lines: "customer says
// ..., what do I tell her?"), words that must still count when grounding checks a claim.
const STOPWORDS = new Set(
  `a an and are as at be but by can do does for from has have how i if in into is it its my of on or our
  so that the their them then there these they this to was we what when where which who why will with
  you your me can't cannot don't did not no yes please tell get got
  customer customers client user says said saying asks asked asking wants wanted would like know
  him her his hers he she`.split(/\s+/),
);
// Not guardrails' splitSentences, on purpose: that one splits a model's answer and keeps the [n]
// markers after a full stop with their sentence; this one splits source Markdown, where a
// sentence starts with a capital or a digit and blocks, list items and table rows are cut first.
const SENTENCE = /(?<=[.!?])\s+(?=["'([]?[\p{Lu}\p{N}])/u;
const MAX_SENTENCES = 3;
// A sentence scoring under this share of the best one is more likely noise than help: a sentence
// that shares one common word with the question reads as a wrong answer.
const MIN_SHARE_OF_BEST = 0.6;
// Openers that lean on the sentence before: quoted alone they make no sense ("If not, we refund...").
const LEANS_BACK = /^(?:if not|if so|otherwise|this|that|these|those|it|they|also|however|but|then|instead)\b/i;
// Questions that ask for a duration or an amount, and the sentences that give one: "How long do
// refunds take?" is answered by "...in 5-10 business days", which shares no word with it.
const ANSWER_TYPES: readonly { asks: RegExp; gives: RegExp }[] = [
  {
    asks: /\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:minutes|hours|days|weeks|months)\b|\bwhen (?:will|does|do|can|should)\b/i,
    gives:
      /\b\d+(?:\s*[-–]\s*\d+)?\s*(?:business |working |calendar )?(?:minutes?|hours?|days?|weeks?|months?|years?)\b/i,
  },
  {
    asks: /\bhow much\b|\b(?:costs?|price|fees?)\b/i,
    gives: /[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\b|\bfree\b|\bno cost\b/i,
  },
];
// "To change the address, see Tracking your order": a pointer to another article, not an answer.
const POINTER = /(?:^|,\s)[Ss]ee\s+(?:the\s+)?["“\p{Lu}]/u;

interface Candidate {
  n: number;
  rank: number;
  position: number;
  text: string;
  words: Set<string>;
  headingWords: Set<string>;
}

/**
 * Answers without a model: picks the source sentences that share the most (rarer) words with the
 * question and cites each. Every sentence is quoted from its source, so it is grounded by
 * construction; the grounding check still runs on it like on any answer. Left out: titles and
 * labels, pointers to other articles, sentences that only make sense after the one before, and
 * weak matches (under 60% of the best sentence's score).
 */
export function composeExtractive(question: string, sources: ExtractSource[]): string {
  const terms = new Set(words(question));
  const candidates: Candidate[] = sources.flatMap((source, rank) =>
    sentences(source.text).map(({ text, heading }, position) => ({
      n: source.n,
      rank,
      position,
      text,
      words: new Set(words(text)),
      headingWords: new Set(words(heading)),
    })),
  );
  // Rarer words across the candidates weigh more (IDF), and a sentence of a better-ranked source
  // more than one of a source retrieval placed lower; earlier sentences win ties.
  const documentFrequency = new Map<string, number>();
  for (const c of candidates) for (const w of c.words) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const idf = (term: string) => Math.log(1 + candidates.length / (documentFrequency.get(term) ?? 1));
  // A sentence of the kind the question asks for counts as if it held its rarest word too.
  const wanted = ANSWER_TYPES.filter((type) => type.asks.test(question));
  const typeBonus = Math.max(0, ...[...terms].map(idf));
  const scored = candidates
    .filter((c) => !isLabel(c.text) && !isPointer(c.text))
    .map((c) => {
      let score = 0;
      // The heading a sentence sits under counts as its own words ("What we accept" makes "Cards:
      // Visa, Mastercard..." the answer to "which payment methods do you accept?"), but stays out
      // of the document frequencies, which a heading repeated over its section would skew.
      for (const term of terms) if (c.words.has(term) || c.headingWords.has(term)) score += idf(term);
      if (score > 0 && wanted.some((type) => type.gives.test(c.text))) score += typeBonus;
      return { ...c, score: score > 0 ? score / (1 + 0.25 * c.rank) - c.position * 0.001 : 0 };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  const perSource = new Map<number, number>();
  const chosen: typeof scored = [];
  for (const c of scored) {
    if (chosen.length >= MAX_SENTENCES || c.score < best * MIN_SHARE_OF_BEST) break;
    // The best source may give the whole answer; any other gives at most two sentences of it.
    const used = perSource.get(c.n) ?? 0;
    if (used >= (c.rank === 0 ? MAX_SENTENCES : 2)) continue;
    if (leansBack(c.text) && !chosen.some((o) => o.n === c.n && o.position === c.position - 1)) continue;
    perSource.set(c.n, used + 1);
    chosen.push(c);
  }
  if (chosen.length === 0) {
    const first = candidates.find((c) => !isLabel(c.text)) ?? candidates[0];
    return first === undefined ? '' : cite(first.text, first.n);
  }
  return chosen
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((c) => cite(c.text, c.n))
    .join(' ');
}

// A title, heading, button label or bold lead-in ("Reset your password.") that reached the text;
// a short line with a number in it is a fact ("Canada, Expedited, $12.99."), not a label.
function isLabel(text: string): boolean {
  const count = text.split(/\s+/).length;
  if (/\d/.test(text)) return false;
  return count < 4 || (count < 6 && !/[.!?:;]["')\]]?$/.test(text));
}

// "If not, ..." or a list item that finishes a lead-in ("tracking shows Delivered but...").
function leansBack(text: string): boolean {
  return LEANS_BACK.test(text) || /^\p{Ll}/u.test(text);
}

function isPointer(text: string): boolean {
  return POINTER.test(text) && text.split(/\s+/).length < 15;
}

/** Plain sentences of a Markdown passage, each with the heading it sits under (headings, list markers and emphasis removed). */
export function sentences(markdown: string): { text: string; heading: string }[] {
  let heading = '';
  return markdown.split(/\n{2,}|\n(?=\s*(?:[-*+]|\d+\.|#{1,6})\s)/).flatMap((block) => {
    const title = /^\s*#{1,6}\s+(.*)$/m.exec(block);
    if (title !== null) heading = plain(title[1] ?? '');
    const lines = block.split('\n');
    const isRow = (line: string) => /^\s*\|/.test(line);
    const prose = plain(
      lines
        .filter((line) => !isRow(line))
        .join('\n')
        .replace(/^\s*#{1,6}\s+.*$/gm, '')
        .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, ''),
    )
      .split(SENTENCE)
      .map((text) => text.trim());
    return [...prose, ...tableRows(lines.filter(isRow))]
      .filter((text) => /[\p{L}]{2,}/u.test(text) && text.length <= 600)
      .map((text) => ({ text, heading }));
  });
}

// A table row reads as one sentence ("Canada, Canada Post Expedited, 5-8 business days, $12.99."),
// not the whole table as one run of pipes; the header row names columns, it answers nothing.
function tableRows(lines: string[]): string[] {
  const rows = lines.map((line) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => plain(cell)),
  );
  const separator = rows.findIndex((cells) => cells.every((cell) => /^:?-{3,}:?$/.test(cell)));
  return rows
    .filter((_, i) => i !== separator && !(separator === 1 && i === 0))
    .map((cells) => cells.filter((cell) => cell !== '').join(', '))
    .filter((row) => row !== '')
    .map((row) => `${row}.`);
}

function plain(markdown: string): string {
  return markdown
    .replace(/\*\*|__|`/g, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

// The marker goes before the full stop; a closing "?" (often a quoted label, "select Forgot
// password?") stays where it is.
function cite(sentence: string, n: number): string {
  const trimmed = sentence.replace(/\s+$/, '');
  if (trimmed.endsWith('?')) return `${trimmed} [${n}]`;
  const body = /[.!]$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed;
  return `${body} [${n}]${trimmed.endsWith('!') ? '!' : '.'}`;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOPWORDS.has(w) && w.length > 1).map(stem);
}

// Just enough stemming for word overlap: "shipping", "shipped" and "ships" all meet "ship".
function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  const base = word.replace(/(?:ing|ed|es|s)$/, '');
  const undoubled = /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base;
  return undoubled.length > 5 ? undoubled.slice(0, 5) : undoubled;
}
