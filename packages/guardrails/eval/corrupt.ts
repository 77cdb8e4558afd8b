import { checkGrounding, type GroundingModel } from '../src/index.js';
import { round } from './args.js';
import type { GroundingRecord } from './grounding-data.js';

/** The corruption kinds the issue asks for. */
export type CorruptionKind = 'number' | 'negation' | 'entity' | 'unrelated';

// Names that appear in no knowledge snippet; the swap checks that too.
const FAKE_ENTITIES = ['Zentrix Cloud', 'Premium Plus plan', 'Vorlund', 'Quillbrook', 'Astrafield', 'Kemberton'];
const AUX = /\b(is|are|was|were|can|will|has|have|does|do|did|should|could|would|may|might|must)\b(?! not\b)/gi;

/** Changes the first number to one the sources do not contain; null when the answer has no number. */
export function corruptNumber(answer: string, sources: string): string | null {
  const m = /\d+(?:[.,]\d+)?/.exec(answer);
  if (m === null) return null;
  const value = Number(m[0].replace(',', ''));
  for (const delta of [3, 7, 11, 13, 29]) {
    const candidate = String(Number.isInteger(value) ? value + delta : round(value + delta, 2));
    if (!sources.includes(candidate)) return answer.slice(0, m.index) + candidate + answer.slice(m.index + m[0].length);
  }
  return null;
}

/** Flips the polarity of the answer's main (longest) sentence: removes a negation or adds "not". */
export function corruptNegation(answer: string): string {
  const sentences = answer.match(/[^.!?]+[.!?]*\s*/g) ?? [answer];
  const main = [...sentences].sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length)[0] ?? answer;
  const at = answer.indexOf(main);
  return answer.slice(0, at) + flip(main) + answer.slice(at + main.length);
}

function flip(sentence: string): string {
  const negated = /\b(?:not|never)\s+(?!only\b|just\b)|n't\b/i.exec(sentence);
  if (negated !== null) return sentence.slice(0, negated.index) + sentence.slice(negated.index + negated[0].length);
  const aux = [...sentence.matchAll(AUX)].find((m) => !isNameOrMonth(sentence, m) && !endsClause(sentence, m));
  if (aux !== undefined)
    return `${sentence.slice(0, aux.index + aux[0].length)} not${sentence.slice(aux.index + aux[0].length)}`;
  return `It is not true that ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

// "on May 7", "in May, 2018", "Will Smith": a capitalised auxiliary after the sentence's first word is a
// month or a name, and "not" after it makes a corruption no reader would write ("May not 7, 2018").
function isNameOrMonth(sentence: string, aux: RegExpMatchArray): boolean {
  const capitalised = /^\p{Lu}/u.test(aux[0]);
  const first = sentence.slice(0, aux.index).trim() === '';
  return capitalised && !first;
}

// "Yes it is, it was created by ...": "not" before the comma denies nothing the sources could state.
function endsClause(sentence: string, aux: RegExpMatchArray): boolean {
  return /^\s*[,;:.!?]/.test(sentence.slice((aux.index ?? 0) + aux[0].length));
}

/** Swaps a named entity (or, in lower-cased text, the longest shared content word) for one not in the sources. */
export function corruptEntity(answer: string, sources: string, seed: number): string | null {
  const lower = sources.toLowerCase();
  const fake = FAKE_ENTITIES.filter((e) => !lower.includes(e.toLowerCase().split(' ')[0] ?? ''))[
    seed % FAKE_ENTITIES.length
  ];
  if (fake === undefined) return null;
  const named = [...answer.matchAll(/(?<=[^\s.!?:;][ \t]+)\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*/gu)].find((m) =>
    lower.includes(m[0].toLowerCase()),
  );
  const target = named?.[0] ?? longestSharedWord(answer, lower);
  if (target === undefined) return null;
  return answer.replace(target, fake);
}

function longestSharedWord(answer: string, sourcesLower: string): string | undefined {
  return (answer.match(/\p{L}{5,}/gu) ?? [])
    .filter((w) => sourcesLower.includes(w.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
}

/** Detection rate per corruption kind, overall, and the false-alarm rate on the untouched supported answers. */
export function runCorruption(records: readonly GroundingRecord[], model?: GroundingModel): Record<string, number> {
  const supported = records.filter((r) => r.label === 'supported');
  const hits: Record<CorruptionKind, boolean[]> = { number: [], negation: [], entity: [], unrelated: [] };
  let falseAlarms = 0;
  supported.forEach((r, i) => {
    const sources = r.sources.join('\n');
    const options = { question: r.question, ...(model === undefined ? {} : { model }) };
    const flagged = (answer: string): boolean => !checkGrounding(answer, r.sources, options).supported;
    if (flagged(r.answer)) falseAlarms++;
    const other = supported[(i + Math.floor(supported.length / 2)) % supported.length];
    const variants: Record<CorruptionKind, string | null> = {
      number: corruptNumber(r.answer, sources),
      negation: corruptNegation(r.answer),
      entity: corruptEntity(r.answer, sources, i),
      unrelated: other === undefined ? null : `${r.answer.replace(/\s*$/, '')}. ${other.sources[0] ?? ''}`,
    };
    for (const kind of Object.keys(variants) as CorruptionKind[]) {
      const variant = variants[kind];
      if (variant !== null && variant !== r.answer) hits[kind].push(flagged(variant));
    }
  });
  const rate = (xs: readonly boolean[]): number => (xs.length === 0 ? 0 : round(xs.filter(Boolean).length / xs.length));
  const all = Object.values(hits).flat();
  process.stderr.write(
    `corruption counts: ${Object.entries(hits)
      .map(([k, v]) => `${k}=${v.length}`)
      .join(' ')}; originals=${supported.length}\n`,
  );
  return {
    number: rate(hits.number),
    negation: rate(hits.negation),
    entity: rate(hits.entity),
    unrelated: rate(hits.unrelated),
    overall: rate(all),
    falseAlarm: round(supported.length === 0 ? 0 : falseAlarms / supported.length),
  };
}
