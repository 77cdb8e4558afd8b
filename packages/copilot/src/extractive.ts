/** A passage the extractive composer may quote, numbered as it will be cited. */
export interface ExtractSource {
  n: number;
  text: string;
  /** The article's title: its words count, weakly, for every sentence of the source. */
  title?: string;
  /** Retrieval's score for the source (higher is better); relative scores say how sure retrieval is of the order. */
  score?: number;
}

// Not guardrails' stop-word list, on purpose: this one scores a question's words against source
// sentences, so it also drops how agents phrase a question (the last two lines: "customer says
// ..., what do I tell her?"), words that must still count when grounding checks a claim.
const STOPWORDS = new Set(
  `a an and are as at be but by can do does for from has have how i if in into is it its my of on or our
  so that the their them then there these they this to was we what when where which who why will with
  you your me can't cannot don't did not no yes please tell get got
  customer customers client user says said saying asks asked asking wants wanted would like know
  him her his hers he she someone somebody anyone still about out up too many much happen happens`.split(/\s+/),
);
// Not guardrails' splitSentences, on purpose: that one splits a model's answer and keeps the [n]
// markers after a full stop with their sentence; this one splits source Markdown, where a
// sentence starts with a capital or a digit and blocks, list items and table rows are cut first.
const SENTENCE = /(?<=[.!?])\s+(?=["'([]?[\p{Lu}\p{N}])/u;
const MAX_SENTENCES = 3;
// A further sentence must add at least this share of what the first one answered: a sentence that
// only repeats the words already answered, or shares one common word, reads as noise.
const MIN_SHARE_OF_FIRST = 0.6;
// Once a sentence answers a word of the question, that word counts this much for the next ones: a
// two-part question ("do you ship to Canada and how much is it?") then gets a sentence per part.
const ANSWERED_WEIGHT = 0.2;
// How much a word counts when it is only in the sentence's section heading, or only in the title.
const HEADING_WEIGHT = 0.7;
const TITLE_WEIGHT = 0.5;
// A sentence counts (its source's score / the top source's score)^SCORE_POWER: a source retrieval
// ranked far below the first counts little, one it could hardly tell from the first nearly as
// much. Without scores, the source ranked r-th counts 1 / (1 + RANK_DECAY × r).
const SCORE_POWER = 4;
const RANK_DECAY = 0.25;
// A source scored at least this share of the top one is one retrieval cannot tell from it (on
// stackfaq, half the questions whose second source scores that close are answered by the second,
// against 3% below 0.7): it gets its best sentence quoted too, when that sentence answers at least
// HEDGE_COVERAGE of what the best quoted sentence does.
const CLOSE_SCORE = 0.85;
const HEDGE_COVERAGE = 0.7;
// How much the words of the other part of a two-part question count when picking for one part: a tie-breaker.
const CONTEXT_WEIGHT = 0.1;
// Openers that lean on the sentence before: quoted alone they make no sense ("If not, we refund...").
const LEANS_BACK = /^(?:if not|if so|otherwise|this|that|these|those|it|they|also|however|but|then|instead)\b/i;
// What a question asks for, and the sentences that give it: "How long do refunds take?" is answered
// by "...in 5-10 business days", which shares no word with it. Each kind the question asks for
// counts as one more (rare) word to answer.
const DURATION =
  /\b\d+(?:\s*[-–]\s*\d+)?\s*(?:business |working |calendar )?(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\b\d{1,2}\s?(?:am|pm)\b/i;
const ANSWER_TYPES: readonly { asks: RegExp; gives: RegExp }[] = [
  {
    asks: /\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:minutes|hours|days|weeks|months|years)\b|\bwhen (?:will|does|do|can|should|is|are)\b|\b(?:cut-?off|deadline)\b/i,
    gives: DURATION,
  },
  {
    asks: /\bhow much\b|\b(?:costs?|price[sd]?|fees?|charges?|amount|spend)\b/i,
    gives: /[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\b|\bfree\b|\bno cost\b/i,
  },
  {
    asks: /\bhow many (?!minutes|hours|days|weeks|months|years)\w+/i,
    gives: /\b(?:up to |at most |at least )?\d+\b(?!\s*(?:%|am|pm))/i,
  },
];
// "To change the address, see Tracking your order": a pointer to another article, not an answer.
const POINTER = /(?:^|,\s)[Ss]ee\s+(?:the\s+)?["“\p{Lu}]/u;

interface Candidate {
  n: number;
  rank: number;
  factor: number;
  position: number;
  text: string;
  heading: string;
  listItem: boolean;
  /** What the sentence answers (question words and asked-for kinds) and how strongly (0..1). */
  answers: Map<string, number>;
  /** Keys it answers only through its section heading. */
  viaHeading: Set<string>;
}

/**
 * Answers without a model: picks source sentences that answer the question and cites each. Every
 * sentence is quoted from its source, so it is grounded by construction; the grounding check still
 * runs on it like on any answer.
 *
 * Sentences are picked one at a time, each for what it adds: a sentence is worth the (IDF-weighted)
 * question words it holds, in its text, its section heading or, weakly, the article title, plus the
 * kind of answer the question asks for (a duration for "how long", an amount for "how much", a number
 * for "how many"); a word or kind already answered by an earlier pick counts far less. So the table
 * row with the asked-for price beats a sentence that merely shares more words. Each part of a
 * two-part question ("do you take Apple Pay? what about buy now pay later?") first gets its own best
 * sentence, the other part's words only breaking ties. Left out: titles and labels, pointers
 * to other articles, sentences that only make sense after the one before, and further picks adding
 * under 60% of what the first one did (items of the list the first one belongs to excepted).
 */
export function composeExtractive(question: string, sources: ExtractSource[]): string {
  const parts = questionParts(question).map((text) => ({
    terms: new Set(words(text)),
    kinds: ANSWER_TYPES.flatMap((type, i) => (type.asks.test(text) ? [`#kind${i}`] : [])),
  }));
  const terms = new Set(parts.flatMap((part) => [...part.terms]));
  const kinds = new Set(parts.flatMap((part) => part.kinds));
  const top = sources[0]?.score;
  const relativeScore = (source: ExtractSource) =>
    top === undefined || source.score === undefined || top <= 0 ? undefined : Math.min(1, source.score / top);
  const factorOf = (source: ExtractSource, rank: number) => {
    const relative = relativeScore(source);
    return relative === undefined ? 1 / (1 + RANK_DECAY * rank) : relative ** SCORE_POWER;
  };
  const parsed = sources.flatMap((source, rank) => {
    const titleWords = new Set(words(source.title ?? ''));
    return sentences(source.text).map((sentence, position) => ({
      ...sentence,
      n: source.n,
      rank,
      factor: factorOf(source, rank),
      position,
      words: new Set(words(sentence.text)),
      headingWords: new Set(words(sentence.heading)),
      titleWords,
    }));
  });
  // Rarer words across the candidates weigh more (IDF); a heading repeated over its section, or a
  // title over its article, would skew the counts, so only the sentences' own words are counted.
  const documentFrequency = new Map<string, number>();
  for (const c of parsed) for (const w of c.words) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const idf = (term: string) => Math.log(1 + parsed.length / (documentFrequency.get(term) ?? 1));
  const weight = new Map<string, number>([...terms].map((t) => [t, idf(t)]));
  // An asked-for kind weighs as much as the question's rarest word.
  const kindWeight = Math.max(0, ...weight.values());
  for (const kind of kinds) weight.set(kind, kindWeight);

  const candidates: Candidate[] = parsed
    .filter((c) => !isLabel(c.text) && !isPointer(c.text))
    .flatMap((c) => {
      const answers = new Map<string, number>();
      const viaHeading = new Set<string>();
      for (const term of terms) {
        if (c.words.has(term)) answers.set(term, 1);
        else if (c.headingWords.has(term)) {
          answers.set(term, HEADING_WEIGHT);
          viaHeading.add(term);
        } else if (c.titleWords.has(term)) answers.set(term, TITLE_WEIGHT);
      }
      // A sentence must hold a question word itself or under its heading: the title alone is not enough.
      if (answers.size === 0 || [...answers.values()].every((v) => v === TITLE_WEIGHT)) return [];
      ANSWER_TYPES.forEach((type, i) => {
        if (kinds.has(`#kind${i}`) && type.gives.test(c.text)) answers.set(`#kind${i}`, 1);
      });
      const { n, rank, factor, position, text, heading, listItem } = c;
      return [{ n, rank, factor, position, text, heading, listItem, answers, viaHeading }];
    });

  const remaining = new Map(weight);
  const perSource = new Map<number, number>();
  const chosen: Candidate[] = [];
  // Better-ranked sources weigh more; earlier sentences win ties. An item of a list already quoted
  // still counts in full what it answers through the shared heading ("What we accept": each item
  // is part of the answer).
  const gain = (c: Candidate, scale: (key: string) => number = () => 1) => {
    const sibling = c.listItem && chosen.some((o) => o.listItem && o.n === c.n && o.heading === c.heading);
    let sum = 0;
    for (const [key, strength] of c.answers) {
      const left = sibling && c.viaHeading.has(key) ? (weight.get(key) ?? 0) : (remaining.get(key) ?? 0);
      sum += strength * left * scale(key);
    }
    return sum * c.factor - c.position * 0.001;
  };
  const best = (score: (c: Candidate) => number, pool = candidates.filter((c) => !chosen.includes(c))) =>
    pool
      .filter((c) => chosen.includes(c) || allowed(c, chosen, perSource))
      .map((c) => ({ c, gain: score(c) }))
      .sort((a, b) => b.gain - a.gain)[0];
  const choose = (c: Candidate) => {
    chosen.push(c);
    perSource.set(c.n, (perSource.get(c.n) ?? 0) + 1);
    for (const key of c.answers.keys()) remaining.set(key, (remaining.get(key) ?? 0) * ANSWERED_WEIGHT);
  };

  // Each part of the question first gets the sentence that best answers it, the rest of the
  // question as context ("how much does it cost?" is about the shipping asked before it).
  // A part whose best sentence is already quoted (the row giving both the service and the price)
  // is answered.
  let first = 0;
  for (const part of parts) {
    const own = (key: string) => part.terms.has(key) || part.kinds.includes(key);
    const score = (c: Candidate) => {
      if (![...c.answers.keys()].some(own)) return 0;
      let sum = 0;
      for (const [key, strength] of c.answers)
        sum += strength * (weight.get(key) ?? 0) * (own(key) ? 1 : CONTEXT_WEIGHT);
      return sum * c.factor - c.position * 0.001;
    };
    const next = best(score, candidates);
    if (next === undefined || next.gain <= 0 || chosen.includes(next.c) || chosen.length >= MAX_SENTENCES) continue;
    if (chosen.length === 0) first = gain(next.c);
    choose(next.c);
  }
  while (chosen.length > 0 && chosen.length < MAX_SENTENCES) {
    const next = best((c) => gain(c));
    if (next === undefined || next.gain <= 0 || next.gain < first * MIN_SHARE_OF_FIRST) break;
    choose(next.c);
  }
  // Retrieval unsure of its order: also quote the best sentence of each source it scored close to
  // the first, unless the answer already gives every kind of answer asked for (the price, the
  // duration): then the quoted source plainly answers and another would only dilute it.
  const kindsAnswered = kinds.size > 0 && [...kinds].every((k) => chosen.some((c) => c.answers.has(k)));
  if (chosen.length > 0 && !kindsAnswered) {
    const coverage = (c: Candidate) => [...c.answers].reduce((sum, [key, s]) => sum + s * (weight.get(key) ?? 0), 0);
    const bar = HEDGE_COVERAGE * Math.max(...chosen.map(coverage));
    sources.forEach((source, rank) => {
      if (rank === 0 || (relativeScore(source) ?? 0) < CLOSE_SCORE || chosen.some((c) => c.rank === rank)) return;
      const hedge = candidates
        .filter((c) => c.rank === rank && !leansBack(c.text) && coverage(c) >= bar)
        .sort((a, b) => coverage(b) - coverage(a) || a.position - b.position)[0];
      if (hedge !== undefined) chosen.push(hedge);
    });
  }
  if (chosen.length === 0) {
    const fallback = parsed.find((c) => !isLabel(c.text)) ?? parsed[0];
    return fallback === undefined ? '' : cite(fallback.text, fallback.n);
  }
  return chosen
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((c) => cite(c.text, c.n))
    .join(' ');
}

// "do you take Apple Pay? what about buy now pay later?" or "...to Canada and how much is it?":
// split where a second question starts; most questions are one part.
function questionParts(question: string): string[] {
  const parts = question
    .split(
      /\?\s+(?=\S)|;\s+|,?\s+(?:and|or|but|also)\s+(?=(?:how|what|when|where|which|who|why|do|does|did|is|are|can|could|will|would|should)\b)/i,
    )
    .map((part) => part.trim())
    .filter((part) => words(part).length > 0 || ANSWER_TYPES.some((type) => type.asks.test(part)));
  return parts.length === 0 ? [question] : parts;
}

// The best source may give the whole answer; any other gives at most two sentences of it. A
// sentence leaning on the one before comes only with it.
function allowed(c: Candidate, chosen: Candidate[], perSource: Map<number, number>): boolean {
  if ((perSource.get(c.n) ?? 0) >= (c.rank === 0 ? MAX_SENTENCES : 2)) return false;
  return !leansBack(c.text) || chosen.some((o) => o.n === c.n && o.position === c.position - 1);
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
export function sentences(markdown: string): { text: string; heading: string; listItem: boolean }[] {
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
      .map((text) => ({ text, heading, listItem: isListItem(block) }));
  });
}

function isListItem(block: string): boolean {
  return /^\s*(?:[-*+]|\d+\.)\s/.test(block);
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
