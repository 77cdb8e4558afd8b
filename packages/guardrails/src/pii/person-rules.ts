import {
  englishWords,
  FIRST_NAMES,
  isTitleBefore,
  looksLikeName,
  NAME_STOPWORDS,
  ROLES_BEFORE_NAMES,
} from './person-words.js';
import type { PiiSpan } from './types.js';

// A capitalised name word (Unicode, apostrophes and hyphens inside: O'Neil, Jean-Luc) or an initial.
const WORD = String.raw`\p{Lu}[\p{L}'’-]*\p{L}|\p{Lu}\.?`;
// Particles inside a name ("Ximena de la Cruz", "Jericho dela Cruz", "Lotte van der Berg").
const PARTICLE = String.raw`(?:de|del|della|de la|de los|de las|dela|da|das|dos|di|du|van|van der|van den|van de|van het|von|von der|der|den|le|la|bin|binti|ibn|al|el|ter|ten)`;
/** One to four name words on one line, particles between them. Case-sensitive: with the i flag \p{Lu} matches lower case too. */
export const NAME = String.raw`(?:${WORD})(?:[ \t]+(?:${PARTICLE}[ \t]+)?(?:${WORD})){0,3}`;
const NAME_AT = new RegExp(NAME, 'uy');

const STRONG_CUES = [
  "my name is|my name's|i am|i'?m|this is|call me|calls me|named(?: him| her)?|called|known as|says|said|replied|shouted|exclaimed",
  // Chat cues before someone asked about or thanked ("where is Dev??", "shout out to Ngoc").
  "where is|where's|(?:has )?anyone seen|pick up|picking up|shout ?out to|(?:big )?thanks to|kudos to|happy (?:bday|birthday)|(?:hi|hey|hello|yo),?[ \t]+it'?s",
  String.raw`name(?: on (?:the|my|your|this) account)?\s*(?:is|:|\?)(?:[ \t]*(?:user|customer|client|me|a)[ \t]*:)?`,
  String.raw`(?:first|last|full|maiden|middle|partner's|account)\s+name\s*(?:is|:|\?)?`,
  String.raw`(?:dear|hi|hello|hey|thanks|thank you|ty|thx|regards|cheers|sincerely|faithfully|truly|best wishes|warm wishes|warmly|take care|all the best|speak soon|talk soon|best|yours|signed|welcome aboard|welcome back)[ \t]*,?`,
  String.raw`(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|rev)\.?`,
  'directed by|starring|written by|produced by|performed by|sung by|founded by|assigned to|escalated to|speak to|speak with|talk to|cc',
  // Things said of or to people in records and announcements.
  String.raw`according to|reports? to|reporting to|(?:please )?welcome|condolences to|birthday,?|congratulations,?|represents|represented by|succeeds|succeeded|replaces|appointed|discussed with|spoke (?:to|with)|on behalf of|(?:account|policy)\s?holder|candidate|driver|tenant|landlord|applicant`,
  String.raw`(?:my|his|her|their|our|your)\s+(?:kid|son|daughter|wife|husband|partner|brother|sister|mother|father|mom|dad|friend|colleague|boss|manager|uncle|aunt|cousin|grandfather|grandmother|nephew|niece|neighbour|neighbor|flatmate|roommate|housemate|(?:brother|sister|son|daughter|mother|father)-in-law|fianc[eé]e?|girlfriend|boyfriend),?`,
  String.raw`(?:a|another|one)\s+(?:family member|member of (?:staff|the family|our team)|staff member|relative|neighbour|neighbor|colleague|friend),|in the name of`,
  '(?:producer|director|songwriter|singer|guitarist|drummer|player|actor|actress|author|writer|novelist|poet|ceo|cto|cfo|founder|co-founder|engineer|agent|customer|client|doctor|nurse|professor|teacher|coach|captain|president|senator|minister|manager|assistant|colleague|reporter|user|patient|member|employee|technician|contractor|representative|mentor|intern|volunteer)',
  // Roles written before a name like a title ("security officer Yaw Asante", "Cardholder Olumide Balogun").
  [...ROLES_BEFORE_NAMES].join('|'),
  '(?:gave|give|gives|giving) (?:her|his|their|my) name as',
].join('|');
const WEAK_CUES =
  'asked|wrote|told|tell|ask|email|emailed|contact|under|add|heard|by|and|with|given|gave|sent|met|thanked|paid|invited|hired|between him and|between her and';
const CUE = new RegExp(
  String.raw`(?<![\p{L}])(?:(?<strong>${STRONG_CUES})|(?<weak>${WEAK_CUES}))(?![\p{L}])[ \t]*\(?\n?[ \t]*(?=\p{Lu})`,
  'giu',
);
// A name followed by something people do ("Verda lives on", "Rintanen began writing").
const PERSON_VERB = new RegExp(
  String.raw`(?<![\p{L}'’-])(?<!\bfrom[ \t]+)(${NAME})(?:'s)?[ \t]+(?:lives|lived|began|shouted|listed|spent|flew|told|asked|wrote|married|died|works|worked|studied|says|said|carried|replied|emailed|phoned|texted|paid|ordered|signed|joined|resigned|complained|is very|was very|is a very|will be talking|has been under|had given|is from|from (?:\p{Lu}\S*[ \t]+){1,3}(?:is|called|emailed|phoned|wrote|asked|said|reported|confirmed)|just has|so impulsive|will handle|will report|will join|will contact|will call|reported that|confirmed that|interviewed|presented|called about|has requested|requested a|reviewed|and I|\((?:DOB|d\.o\.b|born|aged?|candidate|customer|client|patient|tenant|applicant|employee|guest|agent)|(?:in|from) (?:accounts|billing|HR|housekeeping|procurement|payroll|finance|reception|the warehouse)|at the (?:front desk|reception|counter|till))\b`,
  'gu',
);

/** Names announced by a cue ("my name is", "Hi", "Mr.", "my kid", "directed by", "said"). */
export function cuedNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const cue of text.matchAll(CUE)) {
    NAME_AT.lastIndex = cue.index + cue[0].length;
    const raw = NAME_AT.exec(text)?.[0];
    if (raw === undefined) continue;
    const name = cleanName(text, NAME_AT.lastIndex - raw.length, raw);
    if (name === null) continue;
    // "a contractor (Dariush Tehrani)": a name in brackets after a role, the brackets holding only it
    // ("your client (Thunderbird, Outlook)" and "(Group Name)@example.com" are something else).
    if (cue[0].includes('(') && (cue.groups?.strong === undefined || !/^\)(?![@+\w])/u.test(text.slice(name.end))))
      continue;
    // "CUSTOMER NAME:", "DRIVER AT TIME OF ACCIDENT:": the cue is a field label's first word, the rest its others.
    const labelled = text
      .slice(name.end, name.end + 2)
      .trimStart()
      .startsWith(':');
    if (labelled && (LABELS.has(name.value.toLowerCase()) || !/\p{Ll}/u.test(name.value))) continue;
    // "Job title: Chief Financial Officer\nEvent: Summit": a label on the line after a cue is no name.
    if (labelled && cue[0].includes('\n')) continue;
    const words = name.value.split(' ');
    // After weak cues (reporting verbs, prepositions) a name must be multi-word or a known first name.
    const weak = cue.groups?.weak !== undefined;
    if (weak && words.length < 2 && !FIRST_NAMES.has(name.value.toLowerCase())) continue;
    spans.push({ type: 'PERSON', ...name, score: weak ? 0.6 : 0.85, detector: 'person-cue' });
  }
  return spans;
}

/** Names that act as the subject of a verb people do. */
export function subjectNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(PERSON_VERB)) {
    const raw = m[1];
    if (raw === undefined) continue;
    const name = cleanName(text, m.index, raw);
    if (name !== null) spans.push({ type: 'PERSON', ...name, score: 0.6, detector: 'person-subject' });
  }
  return spans;
}

/** First lines of signature blocks and "Name:" speaker lines: a line that is only a name. */
export function lineNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const line = new RegExp(String.raw`(?:^|\n)[ \t>?]*(${NAME})(?=[ \t]*(?:\n|:[ \t]*["“]|:[ \t]+\p{Lu}|$))`, 'gu');
  for (const m of text.matchAll(line)) {
    const raw = m[1];
    if (raw === undefined) continue;
    const start = m.index + m[0].length - raw.length;
    const name = cleanName(text, start, raw);
    if (name === null) continue;
    const words = name.value.split(' ');
    const known = FIRST_NAMES.has((words[0] ?? '').toLowerCase());
    const speaker = text.slice(name.end, name.end + 3).startsWith(':');
    // An ALL-CAPS first line is a heading ("WARRANTY REGISTRATION CARD"), unless it starts with a known name.
    const heading = !known && !/\p{Ll}/u.test(name.value);
    if (
      (words.length >= 2 && words.length <= 4 && (known || (isBlockStart(text, start) && !heading))) ||
      (speaker && known)
    ) {
      spans.push({ type: 'PERSON', ...name, score: known ? 0.7 : 0.55, detector: 'person-line' });
    }
  }
  return spans;
}

const LABELS = new Set(
  'name address phone email e-mail date website mobile desk fax note subject from to cc bot user agent customer q a re title company tel office when where who what why how url uri http https ftp mailto id slug tag tags author status type category lang version ref src href updated created visibility audience'.split(
    ' ',
  ),
);
// A chat line may open with its time ("[12:45] Yuki: Yes") and a list item with its marker ("- Layla: update ...").
// Chats drop capitals ("lena: can u check the deploy?").
const SPEAKER = /(?:^|\n)[ \t>]*(?:\[[^\]\n]{1,12}\][ \t]*|[-*•][ \t]+)?(\p{L}[\p{L}'’-]+):[ \t]*["“]?(?=\S)/gu;

/** Speaker labels of a dialogue ("Zuzana: Who are you?"), when at least two lines have one. */
export function speakerNames(text: string): PiiSpan[] {
  const found = [...text.matchAll(SPEAKER)].filter((m) => !LABELS.has((m[1] ?? '').toLowerCase()));
  if (found.length < 2) return [];
  // A form, not a dialogue, when labels are followed by values rather than something said
  // ("Tenant: Kaveh Hosseini", "Lease start: 17.08.2025").
  const values = found.filter((m) => isFieldValue(lineAfter(text, m.index + m[0].length)));
  if (values.length * 2 >= found.length) return [];
  return found
    .filter((m) => isSpeaker(m[1] ?? ''))
    .map((m) => {
      const value = m[1] ?? '';
      const start = m.index + m[0].indexOf(value);
      return { type: 'PERSON', start, end: start + value.length, value, score: 0.6, detector: 'person-speaker' };
    });
}

// "Guests:", "Shipper:", "Contents:": an English word that is no first name labels a field, whatever follows it.
function isSpeaker(label: string): boolean {
  const lower = label.toLowerCase();
  return /^\p{Lu}/u.test(label) ? FIRST_NAMES.has(lower) || !englishWords().has(lower) : looksLikeName(lower);
}

function lineAfter(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(at, end < 0 ? text.length : end).trim();
}

// A value: a few words, each capitalised, a number or a joining word, and no sentence end.
function isFieldValue(value: string): boolean {
  const words = value.split(/[ \t,;]+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || /[.?!]$/.test(value)) return false;
  return words.every((w) => /^[\p{Lu}\d£$€₹¥+(]/u.test(w) || /^(?:and|&|of|de|la|van|von|der|at|on)$/.test(w));
}

// "Okonjo and Lindgren (2019)", "van der Meer et al. (2020)": authors cited in a report.
const SURNAME = String.raw`(?:(?:van der|van den|van|von|de|da|di|le|al)[ \t]+)?\p{Lu}[\p{L}'’-]*\p{Ll}`;
const YEAR_CITED = String.raw`[ \t]*\((?:19|20)\d{2}\)`;
const CITED_AUTHOR = new RegExp(
  String.raw`(?<![\p{L}'’-])(${SURNAME})(?=[ \t]+et[ \t]+al\b|${YEAR_CITED}|[ \t]+(?:and|&)[ \t]+${SURNAME}${YEAR_CITED})`,
  'gu',
);
const INITIAL_SHAPE = /(?<![\p{L}])\p{Lu}\p{Ll}+[ \t]+\p{Lu}\.?[ \t]+\p{Lu}\p{Ll}+(?![\p{L}])/gu;
const POSSESSIVE =
  /(?<![\p{L}])(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,2}|\p{Lu}\p{Ll}+(?='s[ \t]+(?:kid|son|daughter|wife|husband|partner|mother|father|account|address|phone|email|car|house|birthday)))'s\b/gu;

/** Name shapes: "Hanne I. Kreutzmann" (middle initial), cited authors ("Okonjo (2019)") and possessives ("Asya's kid"). */
export function shapedNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  // INITIAL_SHAPE's match is the name; CITED_AUTHOR's is its group, the lookahead being the citation.
  for (const m of [...text.matchAll(INITIAL_SHAPE), ...text.matchAll(CITED_AUTHOR)]) {
    const value = m[1] ?? m[0];
    spans.push({
      type: 'PERSON',
      start: m.index,
      end: m.index + value.length,
      value,
      score: 0.6,
      detector: 'person-shape',
    });
  }
  for (const m of text.matchAll(POSSESSIVE)) {
    const raw = m[1] ?? '';
    const name = cleanName(text, m.index, raw);
    if (name !== null) spans.push({ type: 'PERSON', ...name, score: 0.5, detector: 'person-possessive' });
  }
  return spans;
}

// A name line opens a block: it is the text's first line and more lines follow.
function isBlockStart(text: string, start: number): boolean {
  return !/\S/.test(text.slice(0, start).replace(/[>?]/g, '')) && text.indexOf('\n', start) > 0;
}

// Not "Company", which is as often the next field's label ("CONTACT NAME: GIULIA MOREAU  COMPANY: ...").
const ORGANISATION_OR_STREET_END =
  /^(?:inc|ltd|llc|plc|corp|co|street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|way|court|ct|place|pl)\.?$/iu;

/** Strips honorifics and trailing non-name words; null when nothing name-like remains or it names a firm or a street. */
export function cleanName(
  text: string,
  start: number,
  raw: string,
): { start: number; end: number; value: string } | null {
  let words = raw.split(/([ \t]+)/);
  let offset = start;
  while (words.length > 0 && isTitleBefore(words[0] ?? '')) {
    offset += (words[0] ?? '').length + (words[1] ?? '').length;
    words = words.slice(2);
  }
  while (words.length > 0 && NAME_STOPWORDS.has((words[words.length - 1] ?? '').toLowerCase().replace(/\.$/, ''))) {
    // "Acme Ltd", "Baker Street": a name that ends in a company's or a street's word is no person's.
    if (ORGANISATION_OR_STREET_END.test(words[words.length - 1] ?? '')) return null;
    words = words.slice(0, -2);
  }
  let value = words.join('');
  // "Hertzog." at a sentence end: the dot is punctuation, unless the last word is an initial.
  if (/\p{L}{2}\.$/u.test(value)) value = value.slice(0, -1);
  if (value.length < 2 || !/^\p{Lu}/u.test(value)) return null;
  return { start: offset, end: offset + value.length, value: text.slice(offset, offset + value.length) };
}

// "From: Priya Sharma <priya@example.com>": the display name of an address in a mail header.
const HEADER =
  /(?:^|\n)[ \t>]*(?:from|to|cc|bcc|reply-to|sender)[ \t]*:[ \t]*"?([\p{L}'’.-]+(?:[ \t]+[\p{L}'’.-]+){0,3})"?[ \t]*<[^<>\s@]+@[^<>\s]+>/giu;

/** Display names in mail headers, whatever their case. */
export function headerNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(HEADER)) {
    const value = m[1] ?? '';
    const words = value.toLowerCase().split(/\s+/);
    // "Acme Support <help@acme.test>" is a mailbox, not a person.
    if (
      words.some(
        (w) => NAME_STOPWORDS.has(w) || /^(?:support|team|help|billing|sales|info|noreply|no-reply|admin)$/.test(w),
      )
    )
      continue;
    const start = m.index + m[0].indexOf(value, m[0].indexOf(':'));
    spans.push({ type: 'PERSON', start, end: start + value.length, value, score: 0.7, detector: 'person-header' });
  }
  return spans;
}
