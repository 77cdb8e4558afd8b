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
    const value = (m[1] ?? '').replace(/['’]s$/u, '');
    const words = value.toLowerCase().split(/[ \t]+/);
    // "Chrome's Omnibox": something of someone's, not a name.
    if (words.some((w) => /['’]s$/u.test(w))) continue;
    if (PLACE_OR_ORGANISATION.test(String(LEXICON[words.join(' ')] ?? ''))) continue;
    const known = englishWords();
    const foreign = words.every((w, i) => {
      if (PLACE_OR_ORGANISATION.test(String(LEXICON[w] ?? ''))) return false;
      return !known.has(w) || (i === 0 && FIRST_NAMES.has(w));
    });
    if (!foreign || words.every((w) => FIRST_NAMES.has(w))) continue;
    spans.push({
      type: 'PERSON',
      start: m.index,
      end: m.index + value.length,
      value,
      score: 0.55,
      detector: 'person-unknown',
    });
  }
  return spans;
}
