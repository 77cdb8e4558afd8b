import { englishWords, FIRST_NAMES, LEXICON } from './person-words.js';
import type { PiiSpan } from './types.js';

// Two or three capitalised words in a row ("Rahul Venkataraman", "Tran Thi Linh").
const CANDIDATE =
  /(?<![\p{L}\p{N}'’@.&-])(\p{Lu}\p{Ll}[\p{Ll}'’-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{Ll}'’-]*){1,2})(?![\p{L}\p{N}@&])/gu;
const PLACE_OR_ORGANISATION = /Place|City|Country|Region|Organization|Company/;

/**
 * Names no cue announces and the first-name lexicon may not know: two or three capitalised words none
 * of which is an English word ("Rahul Venkataraman will ship it"), or a known first name before such
 * words ("Maria Lopez"). A word list tells "Northwind Goods" and "Apps Script" apart from a name.
 */
export function unknownNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    let value = (m[1] ?? '').replace(/['’]s$/u, '');
    let start = m.index;
    let words = value.toLowerCase().split(/[ \t]+/);
    // "Chrome's Omnibox": something of someone's, not a name.
    if (words.some((w) => /['’]s$/u.test(w))) continue;
    if (PLACE_OR_ORGANISATION.test(String(LEXICON[words.join(' ')] ?? ''))) continue;
    // "Meet Zanele Dlamini", "Adjuster Kareem Saleh": a capitalised word before the name opens the sentence.
    if (words.length === 3 && !isForeign(words) && isForeign(words.slice(1))) {
      const skip = value.search(/[ \t]\S/u) + 1;
      start += skip;
      value = value.slice(skip);
      words = words.slice(1);
    }
    if (!isForeign(words) || words.every((w) => FIRST_NAMES.has(w))) continue;
    spans.push({
      type: 'PERSON',
      start,
      end: start + value.length,
      value,
      score: 0.55,
      detector: 'person-unknown',
    });
  }
  return spans;
}

// Every word unknown to English, but the first may be a known first name or a short word the common
// lexicon lacks ("Raj Malhotra": the long word list holds "raj").
function isForeign(words: readonly string[]): boolean {
  const known = englishWords();
  return words.every((w, i) => {
    if (PLACE_OR_ORGANISATION.test(String(LEXICON[w] ?? ''))) return false;
    return !known.has(w) || (i === 0 && (FIRST_NAMES.has(w) || (w.length <= 3 && LEXICON[w] === undefined)));
  });
}
