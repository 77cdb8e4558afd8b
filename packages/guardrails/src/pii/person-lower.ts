import { FIRST_NAMES, looksLikeName, NAME_STOPWORDS, SUPPRESSED_NAMES, WORD_NAMES } from './person-words.js';
import type { PiiSpan } from './types.js';

// Informal tickets drop capitals ("hi maria", "thanks john", "cheers,\nanna"): after a cue, a known
// first name in lower case is a name, and so is one more word that ends the phrase ("priya sharma,").
const LOWER_CUE =
  /(?<![\p{L}])(?:hi|hello|hey|dear|thanks|thank you|cheers|regards|best|yours|my name is|my name's|this is|i am|i'm|i think|customer|client|colleague|manager|ask|ping|spoke to|speak to|talk to|signed for by|opened by|belongs to(?: my colleague)?|agent|rep|driver|courier|technician|(?:spoke|spoken|talked|chatted)[ \t]+(?:to|with|w\/)|ask(?:ed)?[ \t]+for)(?![\p{L}])[ \t]*,?[ \t]*\n?[ \t]*(?=\p{Ll})/gu;
const LOWER_NAME =
  /(\p{Ll}[\p{Ll}'’-]+)(?:[ \t]+(\p{Ll}[\p{Ll}'’-]{2,}))?(?=[ \t]*(?:[,.!?;:\n]|here\b|from\b|$))|(\p{Ll}[\p{Ll}'’-]+)/uy;
const NOT_SURNAME = new Set(
  'and or but here from on at the is was says said wants will can could would to about if so too again now there'.split(
    ' ',
  ),
);

// Where the next words are almost always a name, a name the lexicon lacks ("hi priya,", "my name is
// ngozi okonkwo and", a sign-off line) is recognised by not being a known English word.
const W = String.raw`\p{Ll}[\p{Ll}'’-]+`;
const SHAPED: readonly { pattern: RegExp; words: 1 | 2; known?: boolean; namedByCue?: boolean }[] = [
  // Greetings and thanks addressed to someone: the name ends the phrase.
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:hi|hello|hey|dear|thanks|thank you|thx|ty|cheers|morning|good morning|good afternoon|happy (?:bday|birthday|b-day|anniversary)|shout ?out to|kudos to|big thanks to)(?:[ \t]+(?:so much|very much|a lot|again|heaps))?(?:[ \t]+to)?[ \t]+(${W})(?:[ \t]+(${W}))?(?=[ \t]*(?:[,.!?;:\n)&-]|$|(?:its|it's|and|here|thanks|thank|thx|ty|for|at|in)\b))`,
      'gdu',
    ),
    words: 1,
  },
  // Introductions.
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:i am|i'?m|this is|it's|(?:hi|hello|hey|yo)[ \t]+its)[ \t]+(${W})(?:[ \t]+\p{Ll}\.?)?(?:[ \t]+(${W}))?(?=[ \t]*(?:[,.!?;:\n]|$|(?:and|but|from|here|with|at|again)\b))`,
      'gdu',
    ),
    words: 1,
  },
  // Introductions that all but say a name follows.
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:my name is|my name's|name:|call(?:s|ed|ing)? me)[ \t]+(${W})(?:[ \t]+\p{Ll}\.?)?(?:[ \t]+(${W}))?(?=[ \t]*(?:[,.!?;:\n]|$|(?:and|but|from|here|with|at|again)\b))`,
      'gdu',
    ),
    words: 1,
    namedByCue: true,
  },
  // A sign-off line followed by a line of one to three words: a signature.
  {
    pattern: new RegExp(
      String.raw`(?:^|\n)[ \t]*(?:cheers|regards|best|best regards|kind regards|warm regards|warmly|thanks|thank you|thanks so much|thanks again|many thanks|sincerely|yours|talk soon|speak soon|take care|all the best)[ \t]*[,!.]?[ \t]*\n[ \t>-]*(${W})(?:[ \t]+(${W}))?(?:[ \t]+${W})?[ \t]*(?=\n|$)`,
      'gdu',
    ),
    words: 1,
  },
  // "mike here, ..." and "could noah get ...": a name introducing itself or asked about.
  {
    pattern: new RegExp(
      String.raw`(?:^|[,.!?;:\n][ \t]*|\byo[ \t]+)(${W})(?:[ \t]+(${W}))?[ \t]+here\b|(?<![\p{L}])(?:can|could|would|will|should)[ \t]+(${W})[ \t]+(?:get|have|be|see|join|use|access|approve|please)\b`,
      'gdu',
    ),
    words: 1,
  },
  // Family and colleagues ("my wife ayşe") and a mention ("@dmitri").
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:my|our|her|his|their)[ \t]+(?:wife|husband|son|daughter|partner|brother|sister|mom|mum|dad|mother|father|colleague|coworker|boss|friend|buddy|flatmate|roommate|housemate|neighbour|neighbor|cousin|uncle|aunt|auntie|nephew|niece|grandma|grandpa|gran|nan|nana|fianc[eé]e?|girlfriend|boyfriend|bf|gf|bestie|mate|teammate|stepson|stepdaughter|(?:brother|sister|son|daughter|mother|father)-in-law)[ \t]+(${W})|(?<![\p{L}\p{N}._%+-])@(\p{L}[\p{L}'’-]+)(?![.\p{L}\p{N}@-])`,
      'gdu',
    ),
    words: 1,
  },
  {
    pattern: new RegExp(
      String.raw`(?:^|[.!?\n,][ \t]*)(${W})(?:[ \t]+(${W}))?[ \t]+(?:said|says|told me|mentioned|wrote)\b`,
      'gdu',
    ),
    // "sync said done": only a first name the lexicon knows.
    words: 1,
    known: true,
  },
  // An honorific ("mr haile", "dr al-farsi") and someone a message is passed to or shared with ("pls tell
  // dmitri", "forward to zeynep öztürk in billing", "me and zhiwei both got charged").
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:tell|ask(?:ed)?(?: for)?|ping|remind|forward(?: it| this)? to|me and|spoke (?:to|with|w\/)|talked to|chatted with|pick up|picking up|heard(?: it| this| that)? from|where(?:'s| is)|(?:has )?anyone seen|have you seen|(?:does )?any(?:one|body) know if)[ \t]+(${W})(?:[ \t]+(${W}))?(?=[ \t]*(?:[,.!?;:\n]|$)|[ \t]+(?:in|is|from|at|on|the|both|took|said|and|or|about|to|for|if|today|yesterday|last|earlier|this)\b)|(?<![\p{L}])(?:mr|mrs|ms|dr)\.?[ \t]+(${W})`,
      'gdu',
    ),
    words: 1,
  },
  // "ngl aarav carried the whole thing", "and declan needs them": chat openers and joins before someone doing something.
  {
    pattern: new RegExp(
      String.raw`(?:\b(?:ngl|ok so|so|lol|tbh|btw|and|but|says|said)|^|[,.!?\n])[ \t]*(${W})(?=[ \t]+(?:is bringing|is coming|carried|just|needs|said|says|left|has got)\b)|(?:^|[,.!?\n])[ \t]*(${W})(?=[ \t]*[+&][ \t]*${W}[ \t]+(?:are|were|have|said)\b)`,
      'gdu',
    ),
    words: 1,
  },
  // "eva kleist lives at 255 hersnapvej": someone at the start of a sentence, then where they live or work.
  {
    pattern: new RegExp(
      String.raw`(?:^|[.!?\n][ \t]*)(${W})(?:[ \t]+(${W}))?(?=[ \t]+(?:lives|lived|works|worked|is from|moved|was born|grew up)\b)`,
      'gdu',
    ),
    words: 1,
  },
  // "tom is out sick", "sven pushed the fix", "update: hana from the seoul team fixed it": a known first
  // name opening a clause, before what someone does.
  {
    pattern: new RegExp(
      String.raw`(?:^|[,.!?;:][ \t]+|\n[ \t]*|\b(?:ngl|so|lol|omg|lmao|tbh|btw|fyi|and|but|or|then|first|w|w\/|with|me or)[ \t]+)(${W})(?=[ \t]+(?:is|was|has|had|just|pushed|fixed|said|says|told|wants|will|can|did|does|answers|replied|replied-all|picks|pls|please|dont|don't|from|then|and|was the|has the)\b|[ \t]*[,.!?]|$)`,
      'gdu',
    ),
    words: 1,
    known: true,
  },
  // "does anyone have jordan's number", "raj and i are free".
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}'’])(${W})['’]s[ \t]+(?:number|phone|email|address|contact|mum|mom|dad|car|house|place|birthday|bday)\b|(?<![\p{L}'’])(${W})[ \t]+(?:and|&)[ \t]+i\b(?![\p{L}'’])`,
      'gdu',
    ),
    words: 1,
  },
  // A sign-off after a dash at the end ("-- thomas", "sent from my phone - noor").
  {
    pattern: new RegExp(String.raw`(?:^|[ \t\n])(?:--?|—|–)[ \t]*(${W})(?:[ \t]+(${W}))?[ \t]*$`, 'gdu'),
    words: 1,
  },
  // A text that opens with a line of a name alone, then more lines: a contact card or a signature block.
  {
    pattern: new RegExp(String.raw`^[ \t]*(${W})(?:[ \t]+\p{Ll}\.?)?[ \t]+(${W})[ \t]*\n(?=[ \t]*\S|\n)`, 'gdu'),
    words: 2,
  },
  // A line that opens with a name and a phone number ("rohan sharma +447700900434 call after 5").
  {
    pattern: new RegExp(String.raw`(?:^|\n)[ \t]*(${W})[ \t]+(${W})(?=[ \t]+\+?\d[\d \t().-]{6,})`, 'gdu'),
    words: 2,
  },
  // Roles and delivery: weaker cues, so first and last name must both look like names.
  {
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:ship(?:ped)?(?: it| this| the \p{Ll}+)? to|send(?: it| this| the \p{Ll}+)? to|deliver(?:ed)?(?: it)? to|attn:?|attention:?|c/o|customer|client|colleague|manager|owner|under|for)[ \t]+(${W})[ \t]+(${W})(?=[ \t]*(?:[,.;:!?\n]|$|(?:says|said|reported|wants|asked|is|was|has|from|at|not)\b))`,
      'gdu',
    ),
    words: 2,
  },
];

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
  for (const { pattern, words, known, namedByCue } of SHAPED) {
    for (const m of text.matchAll(pattern)) {
      const group = m[1] !== undefined ? 1 : m[3] !== undefined ? 3 : 2;
      const first = m[group] ?? '';
      const last = group === 1 ? m[2] : undefined;
      if (m[group] === undefined) continue;
      if (!looksLikeName(first, namedByCue) || (known === true && !FIRST_NAMES.has(first))) continue;
      const both = last !== undefined && !NOT_SURNAME.has(last) && looksLikeName(last, namedByCue);
      if (words === 2 && !both) continue;
      const start = m.indices?.[group]?.[0] ?? m.index;
      const end = (both ? m.indices?.[2]?.[1] : m.indices?.[group]?.[1]) ?? start + first.length;
      const value = text.slice(start, end);
      // First and last name together outrank the lexicon's first name alone.
      spans.push({ type: 'PERSON', start, end, value, score: both ? 0.65 : 0.55, detector: 'person-shaped' });
    }
  }
  return [...spans, ...joinedNames(text, spans)];
}

// "thanks thomas & tane", "ask for milena or lakshmi": the word joined to a name is a name too.
const JOINED = new RegExp(String.raw`^[ \t]*(?:&|\+|and|or|,)[ \t]*(${W})(?=[ \t]*(?:[,.!?;:\n]|$|\p{Ll}))`, 'u');

/** Names joined to found ones by "and", "or", "&" or a comma. */
export function joinedNames(text: string, found: readonly PiiSpan[]): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const f of found) {
    const m = JOINED.exec(text.slice(f.end, f.end + 40));
    const word = m?.[1];
    if (m === null || word === undefined) continue;
    // "lunch w ali and summer,": a name that is an English word counts where the list ends on it.
    const wordName = WORD_NAMES.has(word) && /^[ \t]*(?:[,.!?;:\n]|$)/u.test(text.slice(f.end + m[0].length));
    if (!wordName && !looksLikeName(word)) continue;
    const start = f.end + m[0].length - word.length;
    const score = wordName ? 0.85 : 0.5;
    spans.push({ type: 'PERSON', start, end: start + word.length, value: word, score, detector: 'person-shaped' });
  }
  return spans;
}
