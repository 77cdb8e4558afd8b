/** A question as the gap list reads it from the log: redacted, with what went wrong. */
export interface UnansweredQuestion {
  question: string;
  abstained: boolean;
  notHelpful: boolean;
  askedAt: Date;
}

/** Similar unanswered questions: one content gap to write an article for. */
export interface QuestionGroup {
  /** The most often asked wording, as last asked (the log's redacted text); a tie goes to the latest. */
  question: string;
  asked: number;
  abstained: number;
  notHelpful: number;
  lastAskedAt: string;
  /** Other wordings in the group, most asked first (at most three). */
  variants: string[];
}

// Words that say nothing about the topic; two questions share a gap when their other words match.
const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for with from about into over after before is are was were be been
  being am do does did doing have has had having i me my we our you your he she it its they them their this that
  these those what which who whom whose when where why how can could would should will shall may might must not no
  there here than then so too very just any some all each more most other such only own same as up down out off
  again once get got please hi hello thanks thank tell know want need`.split(/\s+/),
);
// Placeholders the redactor put in (<EMAIL_1>) stand for values, not topics.
const PLACEHOLDER = /<[A-Z][A-Z_]*_\d+>/g;
/** Two questions join a group when their content words overlap this much (Jaccard). */
const MIN_OVERLAP = 0.5;

/** The content words of a question, lightly stemmed (plural and -ing/-ed endings), as a set. */
export function contentWords(question: string): Set<string> {
  const words = question
    .replace(PLACEHOLDER, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
  return new Set(words.map(stem));
}

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ed')) return undouble(word.slice(0, -2));
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

// shipping -> shipp -> ship, as the plain word stems.
const undouble = (w: string) => (/([b-df-hj-np-tv-z])\1$/.test(w) ? w.slice(0, -1) : w);

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

interface Wording {
  /** The latest text asked in this wording. */
  text: string;
  count: number;
  last: number;
}

interface Cluster {
  words: Set<string>;
  /** Wordings by their normalised text (case, spacing and punctuation aside). */
  texts: Map<string, Wording>;
  rows: UnansweredQuestion[];
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}<>_]+/gu, ' ')
    .trim();

function addWording(texts: Map<string, Wording>, key: string, w: Wording): void {
  const had = texts.get(key);
  if (had === undefined) texts.set(key, { ...w });
  else
    texts.set(key, {
      text: w.last >= had.last ? w.text : had.text,
      count: had.count + w.count,
      last: Math.max(had.last, w.last),
    });
}

/**
 * Groups similar questions, deterministically and cheaply: wordings are merged when they have the
 * same content words, then a wording joins the group whose leading wording it overlaps most (at
 * least half its content words, Jaccard), taking the most asked wordings first. Groups come out
 * most asked first, then most recent.
 */
export function groupQuestions(questions: readonly UnansweredQuestion[], limit = 20): QuestionGroup[] {
  // Wordings with the same content words (case, punctuation, plurals aside) are one wording.
  const wordings = new Map<string, Cluster>();
  for (const q of questions) {
    const words = contentWords(q.question);
    const key = words.size === 0 ? `=${q.question.trim().toLowerCase()}` : [...words].sort().join(' ');
    const entry: Cluster = wordings.get(key) ?? { words, texts: new Map(), rows: [] };
    addWording(entry.texts, normalise(q.question), { text: q.question, count: 1, last: q.askedAt.getTime() });
    entry.rows.push(q);
    wordings.set(key, entry);
  }
  const ordered = [...wordings.entries()].sort(
    ([ka, a], [kb, b]) => b.rows.length - a.rows.length || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  const groups: Cluster[] = [];
  for (const [, wording] of ordered) {
    let best: Cluster | undefined;
    let bestOverlap = MIN_OVERLAP;
    for (const group of groups) {
      const overlap = jaccard(wording.words, group.words);
      if (overlap >= bestOverlap && (best === undefined || overlap > bestOverlap)) {
        best = group;
        bestOverlap = overlap;
      }
    }
    if (best === undefined)
      groups.push({ words: wording.words, texts: new Map(wording.texts), rows: [...wording.rows] });
    else {
      for (const [key, w] of wording.texts) addWording(best.texts, key, w);
      best.rows.push(...wording.rows);
    }
  }
  return groups
    .map((group) => {
      // Most asked first; a tie goes to the latest asked.
      const texts = [...group.texts.entries()]
        .sort(([ka, a], [kb, b]) => b.count - a.count || b.last - a.last || (ka < kb ? -1 : 1))
        .map(([, w]) => w.text);
      const last = Math.max(...group.rows.map((r) => r.askedAt.getTime()));
      return {
        question: texts[0] ?? '',
        asked: group.rows.length,
        abstained: group.rows.filter((r) => r.abstained).length,
        notHelpful: group.rows.filter((r) => r.notHelpful).length,
        lastAskedAt: new Date(last).toISOString(),
        variants: texts.slice(1, 4),
      };
    })
    .sort((a, b) => b.asked - a.asked || (a.lastAskedAt < b.lastAskedAt ? 1 : a.lastAskedAt > b.lastAskedAt ? -1 : 0))
    .slice(0, limit);
}
