import { joinedNames } from './person-lower.js';
import { FIRST_NAMES, looksLikeName, TITLE_HEADS, WORD_NAMES } from './person-words.js';
import type { PiiSpan } from './types.js';

// Places in a sentence only a person fills, whatever the case: the one who "is out sick" or "told me to
// reinstall", the one you "ask" or "ping", the one whose "cousin" or "macro" it is. There a name that is
// also an English word ("grace is covering", "someone tell mark before he sees", "may's cousin") is a name.
const W = String.raw`\p{L}[\p{L}'’-]*\p{L}`;
// Where a clause starts in chat: a line start, punctuation, or a chat opener or joining word. Tested on the
// characters just before a candidate, which the SUBJECT pattern has already anchored to a predicate.
const CLAUSE_START =
  /(?:\n[ \t]*|[.!?;:,][ \t]+|(?<![\p{L}])(?:ok so|so|lol|lmao|fyi|btw|ngl|tbh|and|but|or|then|first|since|after|before|until|till|if|when|unless|because|cuz|i said|said|says|w\/|w|with|me or)[ \t]+)$/iu;
const KIN = String.raw`ex|wife|husband|son|daughter|partner|brother|sister|mom|mum|dad|mother|father|friend|boss|manager|colleague|cousin|fianc[eé]e?|girlfriend|boyfriend`;
// What only people do; tools and companies "say" things too, so "said" needs a known first name.
const PERSON_ONLY = [
  String.raw`told (?:me|us|him|her|them|you)|replied-all|has the phones|answers your|pushed the fix|set up the|was the only helpful`,
  String.raw`is (?:covering|handling|out sick|off sick|out until|out till|out today|on leave|on holiday|on vacation|on annual leave|off today|back tomorrow|my (?:${KIN}))`,
  String.raw`(?:pls|plz|please) (?:review|verify|check|confirm|approve|handle|call|look)`,
  // "olumide from support told me", "mercy from accra wants to know": someone from somewhere doing something.
  String.raw`from (?:support|(?:the|our) [\p{L}-]+ team|[\p{L}-]+(?: [\p{L}-]+)? (?:wants|asked|called|rang|emailed|told))`,
].join('|');
const SAYS = String.raw`said|says|mentioned|replied|confirms|confirmed|promised`;
const SUBJECT = new RegExp(
  String.raw`(?<![\p{L}'’-])(${W})(?=(?:[ \t]+(${W}))??[ \t]+(?:(${PERSON_ONLY})|(?:${SAYS}))(?![\p{L}]))`,
  'gdiu',
);
// The one a message goes to, then the phrase ends.
const OBJECT = new RegExp(
  String.raw`(?<![\p{L}])(?:ask|ping|tell|dm|cc|loop in|passed me to|transferred me to|put me through to|quote from|(?:opened|raised|reported|submitted|signed for|collected|escalated) by|escalated to|assigned to|handed (?:it |this )?to|(?:lunch|coffee|drinks|dinner|a call|a meeting)[ \t]+(?:w\/?|with))[ \t]+(${W})(?=[ \t]*(?:[,.!?;:)\n]|$)|[ \t]+(?:to|too|maybe|lol|before|about|or|and|if|pls|please|who|instead|at|from|on|in|yesterday|today|earlier|last)(?![\p{L}]))`,
  'gdiu',
);
// "happy bday hope!!!", "thanks grace,": a greeting to a name that is an English word, the name ending the phrase.
const GREETED = new RegExp(
  String.raw`(?<![\p{L}])(?:hi|hey|hello|dear|thanks|thank you|thx|ty|cheers|happy (?:bday|birthday|b-day))[ \t]+(${W})(?=[ \t]*[,!])`,
  'gdiu',
);
// "may's cousin", "ana's macro": someone's family, work or things (not "this summer's booking").
const DETERMINER_BEFORE = /(?:^|[^\p{L}])(?:this|last|next|the|a|an|our|your|my|his|her|their|every|each)[ \t]+$/iu;
const OWNER = new RegExp(
  String.raw`(?<![\p{L}'’])(${W})['’]s[ \t]+(?:${KIN}|kids?|macro|tickets?|shift|queue|desk|laptop)(?![\p{L}])`,
  'gdiu',
);
// "Tiago Fernandes (he/him)", "Vikram Reddy (Team Lead)": a name, then its pronouns or job title in brackets.
const BRACKETED =
  /(?<![\p{L}])(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2})[ \t]+\((?:(?:he|she|they|ze|xe)\/(?:him|her|them|hir|xem)|(?:[\p{Lu}][\p{L}-]*[ \t]+){0,3}([\p{Lu}][\p{L}-]*))\)/dgu;

/** Names in places only a person fills, scored to outrank the suppression of names that are English words. */
export function predicateNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const push = (start: number, end: number) =>
    spans.push({ type: 'PERSON', start, end, value: text.slice(start, end), score: 0.9, detector: 'person-predicate' });
  const add = (m: RegExpMatchArray, knownOnly: boolean) => {
    const word = m[1] ?? '';
    const [start, end] = m.indices?.[1] ?? [0, 0];
    const last = m.indices?.[2];
    // "Budi Santoso is out until ...": two capitalised words, one of them a name, are a full name (both
    // "Budi" and "Reddy" are in the long English word list).
    if (last !== undefined) {
      if (isCapitalised(word) && isCapitalised(m[2] ?? '') && (nameLike(word) || nameLike(m[2] ?? '')))
        push(start, last[1]);
      return;
    }
    if (!isKnown(word) && (knownOnly || !looksLikeName(word))) return;
    push(start, end);
  };
  for (const m of text.matchAll(SUBJECT)) {
    const at = m.index ?? 0;
    if (at > 0 && !CLAUSE_START.test(text.slice(Math.max(0, at - 16), at))) continue;
    add(m, m[3] === undefined);
  }
  for (const m of text.matchAll(OBJECT)) add(m, false);
  for (const m of text.matchAll(GREETED)) if (WORD_NAMES.has((m[1] ?? '').toLowerCase())) add(m, true);
  for (const m of text.matchAll(OWNER)) {
    const at = m.index ?? 0;
    if (!DETERMINER_BEFORE.test(text.slice(Math.max(0, at - 8), at))) add(m, false);
  }
  for (const m of text.matchAll(BRACKETED)) {
    const title = m[2];
    if (title !== undefined && !TITLE_HEADS.has(title.toLowerCase())) continue;
    if (!(m[1] ?? '').split(/[ \t]+/).some(nameLike)) continue;
    const [start, end] = m.indices?.[1] ?? [0, 0];
    push(start, end);
  }
  return [...spans, ...joinedNames(text, spans)];
}

function isKnown(word: string): boolean {
  const lower = word.toLowerCase();
  return FIRST_NAMES.has(lower) || WORD_NAMES.has(lower);
}

function nameLike(word: string): boolean {
  return isKnown(word) || looksLikeName(word);
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}
