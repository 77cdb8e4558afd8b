/** A sentence of the answer with its offsets. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS =
  /(?:\b(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|prof|inc|ltd|co|no|approx|dept|est|fig|st|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|a\.m|p\.m)|\b\p{Lu})\.$/iu;

const MENU_QUESTION = /[>›][ \t]*[^.!?>›\n]{1,40}\?$/u;

/**
 * Splits an answer into sentences. Citation markers written after the full stop ("... days. [2]")
 * stay with the sentence they follow, and list items / line breaks end a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const boundary = /([.!?]+["”’)]*)(\s*(?:\[\d[\d\s,;–-]*\]\s*)*)(\s+|$)|\n+/gu;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + (m[1] ?? '').length + (m[2] ?? '').trimEnd().length;
    const candidate = text.slice(start, m.index + (m[1] ?? '').length);
    if (m[1] !== undefined && ABBREVIATIONS.test(candidate.trimEnd()) && m.index + m[0].length < text.length) continue;
    // "report it under Help > Where's my box? before 11:59pm": a menu item's question mark; the sentence goes on.
    if (
      MENU_QUESTION.test(candidate) &&
      (m[2] ?? '').trim() === '' &&
      /^\p{Ll}/u.test(text.slice(m.index + m[0].length))
    )
      continue;
    push(out, text, start, m[1] === undefined ? m.index : end);
    start = m.index + m[0].length;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const value = raw.trim();
  if (value !== '' && /[\p{L}\p{N}]/u.test(value))
    out.push({ text: value, start: start + lead, end: start + lead + value.length });
}

const PLEASANTRY =
  /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b.*|(?:thanks?|thank you|many thanks|cheers|regards|best|kind regards|sincerely)\b.*|(?:i )?hope (?:this|that) helps\b.*|(?:please )?(?:let (?:me|us) know|feel free|don't hesitate|do not hesitate|reach out)\b.*|(?:is there )?anything else\b.*|(?:you're|you are) welcome\b.*|(?:happy to help|glad (?:i|to) (?:could )?help|have a (?:great|nice|good) (?:day|one|week))\b.*|(?:good luck|best of luck|all the best|fingers crossed|safe travels|have an? (?:great|nice|good|lovely|brilliant|wonderful|fantastic|fun|safe|relaxing)|congratulations|congrats)\b.*|enjoy(?: (?:your|the))?(?: [\w'-]+){1,2}|(?:(?:i'?m|we'?re) )?sorry (?:we|i) (?:can'?t|couldn'?t|cannot) (?:help|do) (?:more|better)\b.*|(?:(?:i'?m|we'?re|so|really|very) )*(?:sorry|apologies)(?: (?:about|for) (?:the|any|all the|this|that|your) (?:inconvenience|trouble|confusion|delay|hassle|frustration|wait|mix-?up|bother))?|sorry about (?:that|this)|(?:that'?s|that is|this is|it'?s) (?:a )?(?:good|great|sensible|fair|reasonable|common|smart|understandable) (?:question|point|thing to (?:check|ask)(?: [\w' ]{0,40})?|concern|worry)|(?:great|good|sure|of course|certainly|absolutely|ok|okay)(?: question)?[!.]?|(?:i'?m |we'?re |so )?sorry to hear (?:that|this|about that)|(?:that'?s|that is|this is) (?:expected|normal|completely normal|a good question)|(?:possibly|probably|maybe)(?:,? (?:yes|no|not))?|it depends|not (?:straight away|right away|yet|always|quite|exactly|necessarily|immediately)|here(?:'s| is| are) (?:how|what (?:to do|you can do|happens)|(?:a |the |your )?(?:quick |short |brief )?(?:summary|comparison|overview|breakdown|rundown|options|steps|details)):?)$/i;

/** True for greetings, thanks, offers of help, good wishes and sympathy: sentences that make no factual claim. */
export function isPleasantry(sentence: string): boolean {
  const plain = stripDiscourse(sentence.replace(/\[\d[^\]]*\]/g, ''))
    .trim()
    .replace(/[\s.!?,]+$/, '');
  if (plain.length === 0) return true;
  if (/\d/.test(plain) || plain.split(/\s+/).length > 16) return false;
  return PLEASANTRY.test(plain) || (isSympathy(plain) && !/\[\d/.test(sentence));
}

// "I'm really sorry you've been without broadband all week" restates the asker's trouble; it claims nothing
// the sources could hold. One that goes on to a reason or a fact ("Sorry, but ...", "- it's physical SIM
// only", "because ...") or cites a source is a claim.
const SYMPATHY =
  /^(?:(?:i'?m|i am|we'?re|we are|so|really|very|truly|terribly|genuinely) )*sorry (?:about|for|to hear|that|you|your|it'?s|this)\b/i;
const SYMPATHY_GOES_ON =
  /,(?! especially\b)|[;:\u2013\u2014]|\s-\s|\b(?:but|because|since|which|although|though|however)\b/i;

function isSympathy(plain: string): boolean {
  return SYMPATHY.test(plain) && !SYMPATHY_GOES_ON.test(plain);
}

// "I'm afraid", "Unfortunately", "Don't worry": the assistant's voice, not part of what the sentence claims.
// A reply's "No" or "Not yet" counts only before a pause or a pronoun ("No, it isn't", "No they don't"):
// in "No refunds are given" or "Not all plans include it" the word is the claim's own negation.
const PARTICLE = String.raw`yes|yeah|yep|sure|absolutely|definitely|certainly|well|oh|ah|wow|indeed|actually|i believe|i think|of course|right|true|great|cool|hmm|ok|okay|so|unfortunately|sadly|fortunately|luckily|happily|good news|i'?m afraid(?: that)?|don'?t worry|no worries|in short|(?:i'?m )?sorry(?: (?:about|for) (?:the|that|this|any) \w+)?,? but`;
const REPLY = String.raw`(?:no|nope|not really|not(?: (?:yet|straight away|right away|at the moment|currently|right now|at present|for now|at this time|quite|exactly|always|immediately|necessarily|officially(?: yet)?))?)`;
const PAUSE = String.raw`[\s,!.;:\u2013\u2014-]`;
const DISCOURSE = new RegExp(
  String.raw`^(?:(?:${PARTICLE})\b${PAUSE}*|${REPLY}(?:\s*[,!.;:\u2013\u2014-]${PAUSE}*|\s+(?=(?:i|you|we|they|it|he|she|that|this|there|but)\b)))+`,
  'i',
);

/** Drops leading response particles ("Yes!", "Well,", "Not really,") that answer the user rather than state a fact. */
export function stripDiscourse(sentence: string): string {
  return sentence.trimStart().replace(DISCOURSE, '');
}
