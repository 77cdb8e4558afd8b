import { FIRST_NAMES, NAME_STOPWORDS, SUPPRESSED_NAMES } from './person-words.js';
import type { PiiSpan } from './types.js';

// Informal tickets drop capitals ("hi maria", "thanks john", "cheers,\nanna"): after a cue, a known
// first name in lower case is a name, and so is one more word that ends the phrase ("priya sharma,").
const LOWER_CUE =
  /(?<![\p{L}])(?:hi|hello|hey|dear|thanks|thank you|cheers|regards|best|yours|my name is|my name's|this is|i am|i'm|customer|client|colleague|manager|ask|ping|spoke to|speak to|talk to|signed for by|opened by|belongs to(?: my colleague)?)[ \t]*,?[ \t]*\n?[ \t]*(?=\p{Ll})/gu;
const LOWER_NAME =
  /(\p{Ll}[\p{Ll}'’-]+)(?:[ \t]+(\p{Ll}[\p{Ll}'’-]{2,}))?(?=[ \t]*(?:[,.!?;:\n]|here\b|from\b|$))|(\p{Ll}[\p{Ll}'’-]+)/uy;
const NOT_SURNAME = new Set(
  'and or but here from on at the is was says said wants will can could would to about if so too again now there'.split(
    ' ',
  ),
);

/** Lower-cased names after greeting, sign-off and introduction cues, checked against the first-name lexicon. */
export function lowerCaseNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const cue of text.matchAll(LOWER_CUE)) {
    LOWER_NAME.lastIndex = cue.index + cue[0].length;
    const m = LOWER_NAME.exec(text);
    if (m === null) continue;
    const first = m[1] ?? m[3] ?? '';
    if (!FIRST_NAMES.has(first) || SUPPRESSED_NAMES.has(first) || NAME_STOPWORDS.has(first)) continue;
    const last = m[2];
    const value =
      last !== undefined && !NOT_SURNAME.has(last) && !NAME_STOPWORDS.has(last) ? `${first} ${last}` : first;
    const start = m.index;
    spans.push({ type: 'PERSON', start, end: start + value.length, value, score: 0.6, detector: 'person-lower' });
  }
  return spans;
}
