import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import wordListPath from 'word-list';

// First names that are also English words or months: alone they are names only where a person fits.
const WORDS_THAT_ARE_NAMES = `will bill june may april august mark grace hope joy faith rose summer amber jack frank
art sunny chase guy dean earl penny crystal dawn sky river holly ivy iris daisy lily violet pearl ruby jade autumn`;

/** Lower-cased first names that are also English words or months ("grace", "will", "june"). */
export const WORD_NAMES: ReadonlySet<string> = new Set(WORDS_THAT_ARE_NAMES.split(/\s+/).filter(Boolean));

// Capitalised words that compromise or our cues may take for a name but that, on their own,
// are usually ordinary words in support text: months, modal verbs, virtues, products, roles
// (with WORD_NAMES, which are all of them too).
const SUPPRESS = `january march page sterling major rich winter spring
apple amazon google slack microsoft windows teams zoom stripe paypal visa mastercard amex github
team support all everyone there folks guys sir madam customer agent admin user manager bot
thanks thank regards cheers best hello hi hey dear sorry please ok okay yes no great happy
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
god lord christmas easter premium pro plus basic enterprise free gold silver bronze
mr mrs ms miss dr prof the a an my your our this that it i we you he she they it's that's there's here's what's let's
i'm i've i'll i'd parents carers guardians colleagues members customers residents students staff friends neighbours
alexa siri cortana new year`;

/** Lower-cased words that are not names when they stand alone. */
export const SUPPRESSED_NAMES: ReadonlySet<string> = new Set([...WORD_NAMES, ...SUPPRESS.split(/\s+/).filter(Boolean)]);

/** The months among WORD_NAMES: after "said" or "Hi" they are dates as often as people. */
export const MONTH_NAMES: ReadonlySet<string> = new Set(['may', 'june', 'april', 'august']);

// Words that end a name run: a capitalised word after a name that is really the next phrase.
const STOP = `street st avenue ave road rd lane ln drive dr boulevard blvd way court ct place pl suite apt
inc ltd llc plc corp co company bank university hospital school group orchestra tv club and`;

/** Lower-cased words that never belong to a personal name. */
export const NAME_STOPWORDS: ReadonlySet<string> = new Set(STOP.split(/\s+/).filter(Boolean));

/** Roles written before a name like a title ("Candidate Kofi Mensah", "Driver Hao"). */
export const ROLES_BEFORE_NAMES: ReadonlySet<string> = new Set(
  'candidate driver tenant landlord applicant patient customer client agent courier technician officer inspector detective sergeant captain coach professor president senator minister judge cardholder policyholder optometrist dentist pharmacist physiotherapist surgeon receptionist therapist midwife paramedic solicitor lawyer attorney caseworker adviser advisor supervisor instructor tutor'.split(
    ' ',
  ),
);

// Words of job titles: an item made of them is a role, not a name ("Senior Accountant", "Data Analyst").
const TITLE_WORDS_LIST = `senior junior chief head lead principal associate assistant deputy vice executive regional general
manager director officer president accountant analyst engineer designer developer nurse doctor counsel lawyer
paralegal consultant coordinator specialist administrator adjuster pharmacist psychologist architect scientist
representative supervisor secretary treasurer clerk technician partner advisor adviser auditor editor producer
sales product project account marketing finance financial operations data claims facilities registered clinical
hygienist handler teacher receptionist therapist dentist surgeon physician cashier success care customer practice
dental quality assurance warehouse software logistics procurement support team`;

// The last word of a job title: a run of capitalised words ending in one is a role ("Warehouse Manager").
const TITLE_HEADS_LIST = `manager director officer accountant analyst engineer designer developer nurse consultant
coordinator specialist administrator adjuster advisor adviser representative supervisor secretary clerk technician
hygienist handler teacher lead assistant executive auditor editor producer architect scientist pharmacist
psychologist paralegal lawyer counsel physician surgeon therapist dentist receptionist cashier`;

/** Lower-cased last words of job titles (all of them in TITLE_WORDS as well). */
export const TITLE_HEADS: ReadonlySet<string> = new Set(TITLE_HEADS_LIST.split(/\s+/).filter(Boolean));

/** Lower-cased words of job titles. */
export const TITLE_WORDS: ReadonlySet<string> = new Set(TITLE_WORDS_LIST.split(/\s+/).filter(Boolean));

/** Honorifics that precede a name but are not part of it. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'rev',
]);

/** An honorific or a role written before a name ("Dr.", "Candidate", "Driver"): not part of it. */
export function isTitleBefore(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return HONORIFICS.has(w) || ROLES_BEFORE_NAMES.has(w);
}

/** compromise's lexicon: a lower-cased word to its tag(s) ("maria" → "FemaleName", "the" → "Determiner"). */
export const LEXICON: Readonly<Record<string, string | string[]>> = (
  nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } }
).model.one.lexicon;

/** First names compromise's lexicon knows (about 3,000, many languages), lower-cased. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  Object.entries(LEXICON)
    .filter(([, tag]) => /FirstName|MaleName|FemaleName/.test(String(tag)))
    .map(([word]) => word),
);

let english: ReadonlySet<string> | undefined;

/** 274,000 lower-case English words (word-list, MIT), read on first use: about 0.2 s and 40 MB, once. */
export function englishWords(): ReadonlySet<string> {
  english ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return english;
}

// Ticket words the lexicon lacks in this form.
const COMMON = new Set(
  'folks guys all everyone everybody team support again there anyway asap btw pls plz lol ok okay yes no username user handle here channel someone im ur u ya http https www mum mom dad bro sis nan gran ma pa'.split(
    ' ',
  ),
);

/**
 * True for a word that could be a name, whatever its case: not a known English word (names in the lexicon
 * pass). After a cue that all but says a name follows ("my name is borna"), only words common enough for
 * compromise's lexicon count as English: the full word list holds rare words that are names too.
 */
export function looksLikeName(written: string, namedByCue = false): boolean {
  const word = written.toLowerCase();
  if (word.length < 2 || SUPPRESSED_NAMES.has(word) || NAME_STOPWORDS.has(word) || COMMON.has(word)) return false;
  const tag = LEXICON[word];
  if (tag !== undefined) return /Name|Person/.test(String(tag));
  // Short words ("ama", "jun") are as often names as the abbreviations the word list holds.
  if (!namedByCue && word.length > 3 && englishWords().has(word)) return false;
  // An unknown word built like an English one ("billing", "accounts", "shipment") is not a name.
  if (/(?:ing|ment|tion|sion|ness|ity|ed|ly|able)$/.test(word)) return false;
  if (word.endsWith('s') && LEXICON[word.slice(0, -1)] !== undefined) return false;
  return true;
}
