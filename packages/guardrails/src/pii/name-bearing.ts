import { LEXICON } from './person-words.js';

// A sentence, with its end punctuation; a line break ends one too.
const SENTENCE = /[^.!?\n]+[.!?]*/gu;
// A capital followed by a small letter: "Maria", "McDonald"; not "I", "I'm", "USD" or "DE89".
const CAPITALISED = /\p{Lu}\p{Ll}[\p{L}'’-]*/gu;

/**
 * The stretches of `text` where compromise could find a capitalised name: sentences holding a
 * capitalised word after their first, or opening with one that is not a known ordinary word
 * ("Maria called", not "The app"). Adjacent ones are merged; the rest (most support prose) is
 * left out, since compromise costs milliseconds per kilobyte and finds nothing there.
 */
export function nameBearingStretches(text: string): { start: number; end: number }[] {
  const stretches: { start: number; end: number }[] = [];
  for (const sentence of text.matchAll(SENTENCE)) {
    if (!bearsName(sentence[0])) continue;
    const start = sentence.index;
    const end = start + sentence[0].length;
    const last = stretches.at(-1);
    if (last !== undefined && /^\s*$/.test(text.slice(last.end, start))) last.end = end;
    else stretches.push({ start, end });
  }
  return stretches;
}

function bearsName(sentence: string): boolean {
  const firstWord = /\p{L}/u.exec(sentence)?.index ?? -1;
  for (const word of sentence.matchAll(CAPITALISED)) {
    if (word.index !== firstWord) return true;
    const tag = LEXICON[word[0].toLowerCase()];
    if (tag === undefined || /Name|Person/.test(String(tag))) return true;
  }
  return false;
}
