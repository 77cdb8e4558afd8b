import { clauseWords, contentTokens, NEGATIONS, stem, words } from './tokens.js';

const URL = /\bhttps?:\/\/[^\s<>"'\])]+|\bwww\.[^\s<>"'\])]+/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const PHONE = /(?<![\w.])\+?\(?\d[\d\s().-]{6,}\d(?![\w])/g;

// "watch?v=xxxxxxxxxxxx#t=2m30s", "groupname+subscribe@googlegroups.com": a template the reader fills in,
// which names no real address.
const TEMPLATE = /x{4,}|\b(?:example|your-?name|your-?email|your-?domain|user-?name|group-?name)\b|[<{]/i;

/** URLs, emails and phone numbers in a claim that the evidence does not contain (after normalising), templates aside. */
export function missingContacts(claim: string, evidence: string): string[] {
  const evidenceUrls = new Set([...evidence.matchAll(URL)].map((m) => normaliseUrl(m[0])));
  const evidenceEmails = new Set([...evidence.matchAll(EMAIL)].map((m) => m[0].toLowerCase()));
  const evidenceDigits = evidence.replace(/\D/g, '');
  const missing: string[] = [];
  for (const m of claim.matchAll(URL))
    if (!evidenceUrls.has(normaliseUrl(m[0])) && !TEMPLATE.test(m[0])) missing.push(m[0].replace(/[.,;:!?]+$/, ''));
  for (const m of claim.matchAll(EMAIL))
    if (!evidenceEmails.has(m[0].toLowerCase()) && !TEMPLATE.test(m[0])) missing.push(m[0]);
  for (const m of claim.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 7 && digits.length <= 15 && /[\s().-]/.test(m[0]) && !evidenceDigits.includes(digits))
      missing.push(m[0].trim());
  }
  return missing;
}

function normaliseUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/[.,;:!?]+$/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

// Capitalised words that start sentences or address the reader, not names of things.
const COMMON_CAPITALISED = new Set(
  `i i'm i've i'd i'll you we they he she it the a an this that these those there here if when then yes no please note however also
  to for in on at by from with your our my their its and or but so as after before once while until you'll you're we're
  it's there's what how why where who which can could should would will may might must do does did is are was were
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december while although though because since unless whereas during despite among`.split(/\s+/),
);
// Generic nouns that follow a product name ("Premium plan") and carry no identity themselves.
const GENERIC_TAIL =
  /^(?:plan|plans|tier|edition|account|accounts|feature|features|subscription|app|version|package|option|mode|add-on|addon|license|product|service|team|page|menu|button|tab|settings?)$/i;

const LEADING_FUNCTION_WORDS =
  /^(?:(?:in|on|at|for|from|with|by|to|into|via|if|when|after|before|once|while|until|since|unless|during|as|and|or|but|so|outside|inside|within|across|per|using|following|including|according\s+to|regarding|starting)\s+(?:(?:the|a|an|our|your|this|that|these|those)\s+)*)/i;

// Where a sentence starts: its beginning, after a list marker or an opening quote or bracket.
const SENTENCE_START = /^\s*(?:[-*•]\s*|\d+[.)]\s*)?["'“(*]*$/u;
// Verbs that open an instruction; followed by more capitalised words, they name nothing themselves.
const IMPERATIVE =
  /^(?:open|go|select|click|tap|choose|enter|sign|log|visit|contact|use|check|call|email|navigate|head|find|press|type|pick|scroll|see|read|ask|add|remove|update|change|set|turn|enable|disable|download|upload|install|reply|send|follow|copy|paste|save|create|delete|cancel|try|keep|wait)\s+(?=\S)/i;

/** Named things in a claim: runs of capitalised words (not sentence openers), CamelCase and ALLCAPS tokens, model codes. */
export function entities(claim: string): string[] {
  const text = claim.replace(/\[\d[^\]]*\]/g, ' ');
  const out: string[] = [];
  const run =
    /(?:\p{Lu}[\p{L}\p{N}'’&.-]*|\p{N}+\p{L}[\p{L}\p{N}]*)(?:[ \t]+(?:of |the |de |for )?(?:\p{Lu}[\p{L}\p{N}'’&.-]*|\p{N}+(?![\p{L}\p{N}])))*(?:[ \t]+\p{Ll}+)?/gu;
  for (const m of text.matchAll(run)) {
    let phrase = m[0];
    const tail = /[ \t]+(\p{Ll}+)$/u.exec(phrase);
    if (tail !== null && !GENERIC_TAIL.test(tail[1] ?? '')) phrase = phrase.slice(0, tail.index);
    phrase = phrase.replace(/[.'’-]+$/, '');
    // "The Premium plan" is about "Premium plan"; currency and unit codes are checked as quantities.
    phrase = phrase.replace(/^(?:(?:the|a|an|our|your|this|that|these|those)\s+)+/i, '');
    // A sentence's capitalised first word is part of no name when it is a preposition or a conjunction ("In the US").
    phrase = phrase.replace(LEADING_FUNCTION_WORDS, '');
    // "What the API can do": an opener that a joiner tied to the name after it.
    phrase = phrase.replace(/^(\p{Lu}\p{Ll}*)\s+(?:of|the|de|for)\s+/u, (m, w: string) =>
      COMMON_CAPITALISED.has(w.toLowerCase()) ? '' : m,
    );
    if (/^(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|GB|MB|KB|TB|AM|PM|UTC|GMT)$/.test(phrase)) continue;
    if (/^\d+(?:[.,]\d+)?(?:h|hrs?|d|m|mins?|s|secs?|w|gb|mb|kb|tb|km|kg|k|st|nd|rd|th|am|pm|x)$/i.test(phrase))
      continue;
    const opens = SENTENCE_START.test(text.slice(0, m.index));
    // "Open Account > Orders": an instruction's verb opens the sentence and is no part of the name after it.
    if (opens && m[0].startsWith(phrase)) phrase = phrase.replace(IMPERATIVE, '');
    const head = phrase.split(/\s+/);
    // The match's first word opens the sentence, and is still the phrase's first word ("In Canada": Canada is not).
    const atStart = opens && m[0].startsWith(head[0] ?? '');
    // A lone capitalised sentence opener ("Refunds take ...") is not a name.
    if (atStart && head.length === 1 && !/\p{Lu}.*\p{Lu}|\d/u.test(phrase)) continue;
    const meaningful = head.filter((w) => !COMMON_CAPITALISED.has(w.toLowerCase()));
    if (meaningful.length === 0) continue;
    out.push(phrase);
  }
  return out;
}

/**
 * True when the evidence mentions the entity (case-insensitive). Each part of a name joined by
 * "of", "for", "de" or "the" must be there ("Quillbrook of Milwaukee" is not "City of Milwaukee");
 * within a part, its last distinctive word, the head, must be, and half of the others: "Elvis
 * Presley" for a source that says "Presley" is the same person, "Todd Quillbrook" for "Todd
 * McLellan" is not. Numbers are left to the quantity check ("May 22" is not found by its "22").
 */
export function entityAppears(entity: string, evidenceLower: string, evidence?: string): boolean {
  if (evidence !== undefined && abbreviationAppears(entity, evidence)) return true;
  const parts = entity.split(/\s+(?:of|for|de|the)\s+/i);
  return parts.every((part) => partAppears(part.split(/\s+/), evidenceLower, evidence));
}

const JOINERS = /^(?:of|the|and|for|&)$/i;

/**
 * An abbreviation and its expansion name the same thing: "US" is found by "United States" (each letter
 * the capital of a word, "of" and "the" skipped), and "United Kingdom" by "UK" or "U.K.".
 */
function abbreviationAppears(entity: string, evidence: string): boolean {
  const letters = entity.replace(/\./g, '');
  if (/^\p{Lu}{2,6}$/u.test(letters)) {
    const joiner = '(?:\\s+(?:of|the|and|for|&))*\\s+';
    const expansion = [...letters].map((l) => `${l}[\\p{Ll}'’-]+`).join(joiner);
    return new RegExp(`(?<![\\p{L}\\p{N}])${expansion}(?![\\p{L}\\p{N}])`, 'u').test(evidence);
  }
  const initials = entity
    .split(/\s+/)
    .filter((w) => !JOINERS.test(w))
    .map((w) => w.charAt(0));
  if (initials.length < 2 || !initials.every((c) => /\p{Lu}/u.test(c))) return false;
  const dotted = initials.map((c) => `${c}\\.?`).join('');
  return new RegExp(`(?<![\\p{L}\\p{N}])${dotted}(?![\\p{L}\\p{N}])`, 'u').test(evidence);
}

// Titles before a surname do not make it another person's ("Mr Presley" is "Elvis Presley").
const TITLES = /^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|saint|st|king|queen|president|general)$/i;

function partAppears(words: readonly string[], evidenceLower: string, evidence?: string): boolean {
  const named = words.filter((w) => !COMMON_CAPITALISED.has(w.toLowerCase()) && !GENERIC_TAIL.test(w));
  const lettered = named.filter((w) => /\p{L}/u.test(w));
  // A menu path such as "Account > Billing" has only generic words: then those are what to find.
  const distinctive = lettered.length > 0 ? lettered : named.length > 0 ? [] : words;
  if (distinctive.length === 0) return true;
  // "Milwaukee's" is found by "Milwaukee", "U.S." by "u.s".
  // "Australian" and "Canadian" are found by "Australia" and "Canada".
  const has = (w: string) => {
    const plain = w.toLowerCase().replace(/(?:['’]s)?[.'’]*$/, '');
    if (evidenceLower.includes(plain)) return true;
    // "on Thursdays", "two Boosts": the plural of a name the sources give in the singular.
    if (
      /\p{L}{3}s$/u.test(plain) &&
      new RegExp(`(?<![\\p{L}])${escapeRegExp(plain.slice(0, -1))}(?![\\p{L}])`, 'u').test(evidenceLower)
    )
      return true;
    const place = /^(\p{L}{4,}?)(?:ian|an|n)$/u.exec(plain)?.[1];
    return place !== undefined && /^\p{Lu}/u.test(w) && evidenceLower.includes(place);
  };
  const found = distinctive.filter(has);
  const head = distinctive[distinctive.length - 1] ?? '';
  if (!has(head) || found.length * 2 < distinctive.length) return false;
  if (evidence === undefined || found.length === distinctive.length) return true;
  // The sources name the head with another modifier: "Microsoft Authenticator" where they say "Google
  // Authenticator". Only the word right before the head is compared, possessives and plurals aside.
  const modifier = words[words.indexOf(head) - 1];
  if (modifier === undefined || has(modifier)) return true;
  const base = (w: string) => stem(w.toLowerCase().replace(/['’]s?$/, ''));
  const inName = new Set(words.map(base));
  const before = new RegExp(
    `(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}\\p{N}'’&-]*)\\s+${escapeRegExp(head)}(?![\\p{L}\\p{N}])`,
    'gu',
  );
  for (const m of evidence.matchAll(before)) {
    const rival = m[1] ?? '';
    if (!inName.has(base(rival)) && !COMMON_CAPITALISED.has(rival.toLowerCase()) && !TITLES.test(rival)) return false;
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Share of the claim's content words a source sentence must share before polarities are compared. */
const MIN_NEGATION_OVERLAP = 0.4;
/** The share a sentence that denies the same words must hold: "When she's not working" is about another thing. */
const MIN_ALIKE_OVERLAP = 0.25;
/** Without such a sentence, the share the whole window must hold. */
const MIN_WINDOW_COVERAGE = 0.3;
// After a negation, these make it additive or partial ("not only", "not merely", "not just"), not a denial.
const NOT_NEGATING = new Set(['only', 'just', 'merely', 'simply', 'true', 'least', 'necessarily']);
// "no more than 3 projects", "no later than Friday": a bound, the same as "up to 3" or "by Friday", not a denial.
const BOUND = new Set([
  'more',
  'less',
  'fewer',
  'later',
  'earlier',
  'longer',
  'shorter',
  'greater',
  'higher',
  'lower',
  'sooner',
]);

/** How far back the denial that "not even" repeats may be. */
const ELIDED_REACH = 12;

// "If you'd rather not resend": a choice the reader may make, not a denial of what the sources say.
const PREFERENCE = new Set(['rather', 'prefer', 'prefers', 'choose', 'chooses', 'chose', 'decide', 'decides', 'opt']);

/** A negation cue that denies what follows: not "not only" (additive) or "no more than" (a bound). */
function denies(tokens: readonly string[], i: number): boolean {
  const next = tokens[i + 1] ?? '';
  if (!isNegationCue(tokens[i] ?? '') || NOT_NEGATING.has(next) || PREFERENCE.has(tokens[i - 1] ?? '')) return false;
  // "aren't included in any plan, not even SIM Unlimited": an elided repeat of the denial before it,
  // which denies what that one does, not the words after it.
  if (next === 'even' && tokens.slice(Math.max(0, i - ELIDED_REACH), i).some(isNegationCue)) return false;
  return !(BOUND.has(next) && tokens[i + 2] === 'than');
}

/**
 * Whether the claim's polarity differs from the evidence sentence it overlaps most, when that
 * overlap is strong enough to say they talk about the same thing. Returns the aligned sentence index.
 */
export function negationFlip(
  claim: string,
  evidenceSentences: readonly string[],
  windowCoverage = 0,
  elsewhere: () => readonly string[] = () => [],
): number | null {
  // A heading ("## Refunds") names a topic and states nothing, so it has no polarity to compare.
  const statements = headedStatements(evidenceSentences);
  const flip = sentenceFlip(claim, statements, windowCoverage);
  if (flip === null) return null;
  // "SafeZone can't show a history - we can't see the sites they visit": two statements joined by a dash
  // or a semicolon, each with its own denial. Counted together, two denials against the source's one
  // read as a flip; one of them must flip on its own. (A part alone may align with another sentence
  // and flip where the whole claim does not: that is no evidence, so parts only confirm.)
  const parts = claim.split(JOINED_STATEMENTS).filter((p) => contentTokens(p).length >= MIN_PART_TOKENS);
  if (parts.length >= 2 && !parts.some((part) => sentenceFlip(part, statements, windowCoverage) !== null)) return null;
  // The window is the claim's best three sentences, not all the source says: "Skipped weeks aren't charged"
  // further on denies what "you won't be charged for skipped weeks" does.
  return deniedElsewhere(claim, headedStatements(elsewhere()), statements) ? null : flip;
}

/**
 * Whether one of `sentences` denies what the claim denies: it shares the denied word, a quarter of the
 * claim's words, and more of the words in the denial's clause than any sentence of the window does.
 * "Missing items: no photo needed" settles "no photo is needed for missing items" beside "Damaged items:
 * a photo is required", not "no photo is needed for damaged items".
 */
function deniedElsewhere(claim: string, sentences: readonly string[], window: readonly string[]): boolean {
  const tokens = new Set(contentTokens(claim));
  const c = read(claim, tokens);
  if (!c.words.some(isNegationCue)) return false;
  const heads = denials(c).heads;
  const denied = deniedClauseTokens(c);
  const inWindow = Math.max(0, ...window.map((s) => sharedCount(denied, new Set(contentTokens(s)))));
  return sentences.some((s) => {
    const e = read(s);
    if (sharedCount(tokens, e.tokens) < tokens.size * MIN_ALIKE_OVERLAP || sharedCount(denied, e.tokens) <= inWindow)
      return false;
    if (scopedNegations(c, e) === 0 || scopedNegations(e, c) === 0) return false;
    return !polarityDiffers(c, e) && [...denials(e).heads].some((h) => heads.has(h));
  });
}

const JOINED_STATEMENTS = /\s[-\u2013\u2014]\s|\s?[\u2013\u2014]\s?|;\s/u;
/** Content words a joined part needs to be a statement of its own rather than an aside ("- sorry!"). */
const MIN_PART_TOKENS = 3;

// A heading line alone: a title of a few words, no clause of its own.
const HEADING = /^\s*#{1,6}\s+[^.,;:!?]{0,60}$/u;
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/u;

/**
 * Headings blanked, except that a denying heading denies the list under it: "## Where we can't deliver"
 * then "- Northern Ireland" says "Where we can't deliver: Northern Ireland".
 */
function headedStatements(sentences: readonly string[]): string[] {
  let denying: string | null = null;
  return sentences.map((s) => {
    if (HEADING.test(s)) {
      const title = s.replace(/^\s*#+\s*/u, '').trim();
      denying = words(title).some(isNegationCue) ? title : null;
      return '';
    }
    if (denying === null || !LIST_ITEM.test(s)) {
      denying = null;
      return s;
    }
    return `${denying}: ${s.replace(LIST_ITEM, '')}`;
  });
}

/** The sentence-level comparison: a whole-statement denial on one side only, or a denied word or count. */
function polarityDiffers(c: Reading, a: Reading): boolean {
  // "It is not true that ..." denies the whole statement, however either side restricts it.
  if (WHOLE_DENIAL.test(c.text) !== WHOLE_DENIAL.test(a.text)) return true;
  if (!restrictAlike(c, a)) return false;
  return scopedNegations(c, a) % 2 !== scopedNegations(a, c) % 2 || deniedWordFlip(c, a, true);
}

/** How many of `tokens` `other` holds. */
function sharedCount(tokens: Iterable<string>, other: ReadonlySet<string>): number {
  let n = 0;
  for (const t of tokens) if (other.has(t)) n++;
  return n;
}

/** negationFlip over the evidence's statements (headings blanked). */
function sentenceFlip(claim: string, evidenceSentences: readonly string[], windowCoverage: number): number | null {
  const claimTokens = new Set(contentTokens(claim));
  if (claimTokens.size === 0) return null;
  const sentenceTokens = evidenceSentences.map((sentence) => new Set(contentTokens(sentence)));
  const shared = sentenceTokens.map((tokens) => sharedCount(claimTokens, tokens));
  let best = -1;
  let bestOverlap = 0;
  shared.forEach((n, i) => {
    const overlap = n / claimTokens.size;
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = i;
    }
  });
  const aligned = evidenceSentences[best];
  if (aligned === undefined) return null;
  if (bestOverlap < MIN_NEGATION_OVERLAP && windowCoverage < MIN_WINDOW_COVERAGE) return null;
  const c = read(claim, claimTokens);
  // A sentence that denies what the claim denies states what the claim says. A claim joining two
  // sentences ("can view all invoices, but can't create them") may take its denial from the one it
  // overlaps less, when that one denies the same word; the aligned one settles it by itself.
  // Both checks below may ask about the same sentences: each is read, and judged, once.
  const readings: Reading[] = [];
  const readAt = (j: number) => {
    readings[j] ??= read(evidenceSentences[j] ?? '', sentenceTokens[j]);
    return readings[j];
  };
  let claimHeads: Set<string> | undefined;
  const alike = new Map<number, boolean>();
  const judgeAlike = (j: number) => {
    const e = readAt(j);
    // "If you've added a payment method, you're charged. If you haven't, your account is paused.": the
    // second denies the first's condition without repeating it, as a claim's "If no payment method ..." does,
    // when the claim goes on to what the second says.
    if (Math.abs(j - best) === 1 && (shared[j] ?? 0) > 0 && elidedCondition(e) && negatedCondition(c)) return true;
    if (scopedNegations(c, e) === 0 || scopedNegations(e, c) === 0 || polarityDiffers(c, e)) return false;
    if (j === best) return true;
    if ((shared[j] ?? 0) < claimTokens.size * MIN_ALIKE_OVERLAP) return false;
    claimHeads ??= denials(c).heads;
    const heads = claimHeads;
    return [...denials(e).heads].some((h) => heads.has(h));
  };
  const deniedAlike = (j: number) => {
    const known = alike.get(j);
    if (known !== undefined) return known;
    const judged = judgeAlike(j);
    alike.set(j, judged);
    return judged;
  };
  if (bestOverlap >= MIN_NEGATION_OVERLAP && polarityDiffers(c, readAt(best))) {
    if (!evidenceSentences.some((s, j) => j !== best && s !== '' && deniedAlike(j))) return best;
  }
  // The claim may join facts from neighbouring sentences: one that denies what the window states,
  // where the window denies nothing about those words, is a flip too.
  if (windowCoverage < MIN_WINDOW_COVERAGE || !c.words.some(isNegationCue)) return null;
  if (
    evidenceSentences.some((s, j) => s !== '' && (j !== best || bestOverlap >= MIN_NEGATION_OVERLAP) && deniedAlike(j))
  )
    return null;
  const w = read(evidenceSentences.filter((s) => s !== '').join(' '));
  if (!restrictAlike(c, w)) return null;
  if (scopedNegations(c, w) > 0 && scopedNegations(w, c) === 0) return best;
  return deniedWordFlip(c, w, false) ? best : null;
}

/**
 * A text read once for the negation checks: its words with the clause and sentence each is in, each
 * word without inflections (denials compare those: "no printer needed" does not deny "print the
 * label"), and its stemmed content words.
 */
interface Reading {
  text: string;
  words: string[];
  clause: number[];
  sentence: number[];
  forms: string[];
  formSet: ReadonlySet<string>;
  tokens: ReadonlySet<string>;
}

function read(text: string, tokens: ReadonlySet<string> = new Set(contentTokens(text))): Reading {
  const split = clauseWords(text);
  const forms = split.words.map(inflectionless);
  return { text, ...split, forms, formSet: new Set(forms), tokens };
}

// Words that restrict a statement to a condition. The same rule is often written with another of them
// and a negation ("Only admins can add users" = "Without admin rights, you cannot add users"; "not
// charged until it ships" = "only charged when it ships"; "accepted unless on sale" = "sale items
// cannot be returned"), so a negation is not compared word by word across two ways of restricting.
const CONDITIONS = new Set(['unless', 'until', 'till', 'except', 'without', 'only if']);
const ONLY_IF = new Set(['if', 'when', 'once', 'after', 'while']);
const RESTRICTIVE = new Set([...CONDITIONS, 'only', 'solely', 'exclusively']);

/** Whether both texts restrict what they say alike, so that their negations can be compared. */
function restrictAlike(claim: Reading, evidence: Reading): boolean {
  const a = restrictions(claim, evidence);
  const b = restrictions(evidence, claim);
  if (a.size === b.size && [...a].every((w) => b.has(w))) return true;
  // "Only" on one side and nothing on the other still compares: "only gold, silver and copper are
  // noble metals" does contradict "Gold is not a noble metal".
  const one = a.size === 0 ? b : b.size === 0 ? a : null;
  if (one === null) return false;
  // "only if faster" against "not if faster" states the same condition: that compares.
  const plain = one === a ? evidence : claim;
  return [...one].every((w) => !CONDITIONS.has(w) || (w === 'only if' && plain.words.some((t) => ONLY_IF.has(t))));
}

// Only a restriction whose scope (the next words of its clause) talks about what the other text says
// counts, and "not only" is additive, not a restriction. "Only ... if" is a condition: "only starts if you
// choose a faster plan" and "won't start on a slower plan" say the same.
function restrictions({ words: tokens, clause }: Reading, other: Reading): Set<string> {
  const found = new Set<string>();
  tokens.forEach((w, i) => {
    if (!RESTRICTIVE.has(w) || (w === 'only' && isNegationCue(tokens[i - 1] ?? ''))) return;
    const scope = tokens.slice(i + 1, i + 1 + SCOPE).filter((_, k) => clause[i + 1 + k] === clause[i]);
    if (!scope.some((t) => other.tokens.has(stem(t)))) return;
    found.add(w === 'only' && scope.some((t) => ONLY_IF.has(t)) ? 'only if' : w);
  });
  return found;
}

// Words a negation passes over to reach what it denies ("not much more massive": massive).
const REPLY_NO = new Set(['no', 'nope', 'nah']);
const DEGREE = new Set([
  'much',
  'more',
  'less',
  'longer',
  'very',
  'really',
  'even',
  'yet',
  'ever',
  'quite',
  'actually',
]);
/** Words after a negation cue that it covers. */
const SCOPE = 5;
/** Words before a negation cue that count as its subject. */
const BEFORE = 3;

/**
 * Word by word: the claim denies a word (the first content word after its negation) that the
 * evidence states without any denial around it, or (`both`) the evidence denies one the claim states
 * plainly. Parity of whole-sentence counts misses this when the evidence has a negation of its own
 * elsewhere ("... not emitting as much light" beside "a massive object").
 */
function deniedWordFlip(claim: Reading, evidence: Reading, both: boolean): boolean {
  const plainly = (ws: readonly string[], covered: ReadonlySet<number>, word: string) => {
    let seen = false;
    for (let i = 0; i < ws.length; i++) {
      if (ws[i] !== word) continue;
      if (covered.has(i)) return false;
      seen = true;
    }
    return seen;
  };
  // What a negation denies is the word right after it: in "damaged, faulty or not as ordered can be
  // refunded", "refunded" is not denied, nor "card" in "We don't see why a card is declined".
  const c = denials(claim, evidence);
  const e = denials(evidence, claim);
  for (const h of c.heads) if (plainly(evidence.forms, e.covered, h)) return true;
  if (!both) return false;
  for (const h of e.heads) if (plainly(claim.forms, c.covered, h)) return true;
  return false;
}

/** What each denial of a text denies: the first content word after it (its head), and the words it covers. */
function denials(
  { words: raw, clause, sentence, forms: ws }: Reading,
  other?: Reading,
): { heads: Set<string>; covered: Set<number> } {
  const heads = new Set<string>();
  const covered = new Set<number>();
  raw.forEach((_, i) => {
    if (!denies(raw, i) || (other !== undefined && spellsOutOnly(raw, clause, i, other))) return;
    // Its subject is in its clause; what it denies is in the clause after it when it ends its own ("If you don't, ...").
    const next = deniesNextClause(raw, clause, i) ? clause[i + 1] : clause[i];
    const inClause = (j: number) => clause[j] === (j <= i ? clause[i] : next);
    // The few words before a negation are its subject ("Invoices cannot be exported"): a claim that
    // denies them ("you can't export invoices") says the same, not the opposite.
    for (let j = Math.max(0, i - BEFORE); j <= i + SCOPE && j < ws.length; j++) if (inClause(j)) covered.add(j);
    // A denial runs on over a list to the end of its sentence ("We do not accept cash, cheques or
    // 'buy now, pay later' services"), unless a contrast turns it round ("not A, but B").
    for (let j = i + 1; j < ws.length && sentence[j] === sentence[i] && !CONTRAST.has(raw[j] ?? ''); j++)
      covered.add(j);
    const content = ws
      .slice(i + 1, i + 1 + SCOPE)
      .filter((t, k) => inClause(i + 1 + k) && !DEGREE.has(t) && contentTokens(raw[i + 1 + k] ?? '').length > 0)
      .slice(0, 1);
    for (const t of content) heads.add(t);
  });
  return { heads, covered };
}

const WHOLE_DENIAL = /\b(?:not true that|not the case that|false that|untrue that)\b/i;
const CONTRAST = new Set(['but', 'however', 'instead', 'although', 'though', 'yet', 'whereas', 'while', 'rather']);

// Plural, past, -ing and -able endings only ("shipping" is "ship", "included" "include", "refundable"
// "refund"), so that "printer" stays apart from "print".
function inflectionless(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  const out = word
    .replace(/ies$/, 'y')
    .replace(/(?<![su])s$/, '')
    .replace(/(?:ing|ed|able|ible)$/, '');
  return out.length < 3 ? word : out.replace(/([^aeiouls])\1$/, '$1').replace(/e$/, '');
}

function isNegationCue(word: string): boolean {
  return NEGATIONS.has(word) || word.endsWith("n't");
}

/**
 * Counts negation cues whose scope (the next few words) talks about something the other text also
 * mentions, so a "without" in an unrelated clause of a long source sentence does not count.
 * "not only" and "not just" are additive, not negations.
 */
function scopedNegations({ text, words: tokens, clause, forms }: Reading, other: Reading): number {
  // "It is not true that ..." negates the whole sentence, whatever follows.
  let count = WHOLE_DENIAL.test(text) ? 1 : 0;
  // Whether the other text has a negated condition: read once, and only if an elided negation asks.
  let otherConditional: boolean | undefined;
  tokens.forEach((_, i) => {
    if (!denies(tokens, i) || `${tokens[i + 1]} ${tokens[i + 2]}` === 'the case') return;
    // The words the negation denies follow it, in its clause (or the next, when it ends its own: "If you
    // don't, the request expires"); the subject before it is shared by both polarities.
    // A number can be what it denies ("is not 300, which is achieved by ...").
    // "If not, we send a replacement" is the condition of "If the parcel isn't found, ...", spelled out.
    if (clause[i + 1] !== clause[i]) {
      // "As moose said: No, there's still no way to do that": a "No" that is a clause of its own answers
      // a question; the words after it are not what it denies.
      if (clause[i - 1] !== clause[i] && REPLY_NO.has(tokens[i] ?? '')) return;
      if (!deniesNextClause(tokens, clause, i)) return;
      otherConditional ??= negatedCondition(other);
      if (otherConditional) return;
    }
    const end = predicateEnd(tokens, i);
    const denied = forms.slice(i + 1, Math.min(end, i + 1 + SCOPE)).filter((_, k) => {
      const j = i + 1 + k;
      const t = tokens[j] ?? '';
      return (
        clause[j] === clause[i + 1] &&
        !DEGREE.has(t) &&
        (/\d/.test(t) || (contentTokens(t).length > 0 && !unitOfNumber(tokens, i, j)))
      );
    });
    // "the recipe price only – not add-ons": the "not" spells out what "only" leaves out, which a text
    // restricting with "only" says too.
    if (spellsOutOnly(tokens, clause, i, other)) return;
    if (denied.some((t) => other.formSet.has(t))) count++;
  });
  return count;
}

/** The content words of the clauses that hold the text's denials (and what a clause-ending one denies, after it). */
function deniedClauseTokens({ words: raw, clause }: Reading): Set<string> {
  const out = new Set<string>();
  raw.forEach((_, i) => {
    if (!denies(raw, i)) return;
    raw.forEach((w, j) => {
      if (clause[j] === clause[i] || clause[j] === clause[i + 1]) for (const t of contentTokens(w)) out.add(t);
    });
  });
  return out;
}

/** How far back an "only" may be for a denial to spell out what it leaves out ("X only – not Y", "only X, not Y"). */
const ONLY_REACH = 6;

// The "not" opens its own clause, with no verb of its own: "we do not sell plastic cards" denies for itself.
function spellsOutOnly(tokens: readonly string[], clause: readonly number[], i: number, other: Reading): boolean {
  if (tokens[i] !== 'not' || clause[i - 1] === clause[i] || !other.words.includes('only')) return false;
  return tokens.slice(Math.max(0, i - ONLY_REACH), i).includes('only');
}

// A modal or auxiliary after the negated words starts the sentence's own predicate: in "items that
// arrive not as ordered can be refunded", the negation ends at "can" and "refunded" is affirmed.
const AUXILIARY = new Set([
  'can',
  'could',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'must',
  'is',
  'are',
  'was',
  'were',
]);

function predicateEnd(tokens: readonly string[], i: number): number {
  for (let j = i + 2; j < tokens.length; j++) if (AUXILIARY.has(tokens[j] ?? '')) return j;
  return tokens.length;
}

/** Whether a negation sits in a clause that opens with "if" ("If the parcel isn't found, ..."). */
function negatedCondition({ words: tokens, clause }: Reading): boolean {
  return tokens.some((w, i) => {
    if (!isNegationCue(w)) return false;
    return clauseOpener(tokens, clause, i) === 'if';
  });
}

/**
 * Whether a denial that ends its clause denies the clause after it: only in a condition ("If you don't,
 * the request expires"). Elsewhere it repeats its own clause's verb ("'test 123' won't), and the sender
 * must ..."), and the clause after it is affirmed.
 */
function deniesNextClause(tokens: readonly string[], clause: readonly number[], i: number): boolean {
  if (clause[i + 1] === clause[i]) return true;
  return CONDITION_OPENERS.has(clauseOpener(tokens, clause, i));
}
const CONDITION_OPENERS = new Set(['if', 'unless', 'when', 'once']);

/** A condition whose denial ends its clause, its verb left to the sentence before: "If you haven't, ...", "If not, ...". */
function elidedCondition({ words: tokens, clause }: Reading): boolean {
  return tokens.some((w, i) => {
    if (!isNegationCue(w) || clause[i + 1] === clause[i]) return false;
    return clauseOpener(tokens, clause, i) === 'if';
  });
}

/** The first word of the clause word `i` is in. */
function clauseOpener(tokens: readonly string[], clause: readonly number[], i: number): string {
  return tokens[clause.indexOf(clause[i] ?? -1)] ?? '';
}

// "no movement after 15 business days": the number is what is denied, and "business days" is its unit,
// which "within 30 days" shares without saying the same thing.
function unitOfNumber(tokens: readonly string[], negation: number, j: number): boolean {
  for (let k = Math.max(negation + 1, j - 2); k < j; k++) if (/\d/.test(tokens[k] ?? '')) return true;
  return false;
}
