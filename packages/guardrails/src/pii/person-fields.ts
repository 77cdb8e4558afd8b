import { cleanName, NAME } from './person-rules.js';
import { LEXICON, TITLE_WORDS } from './person-words.js';
import type { PiiSpan } from './types.js';

// Form and record fields whose value is one or more people: "Tenant: Kaveh Hosseini", "Ship to:\nChinedu
// Eze", "Attendees: Kenji, Rohan and Jens", "Guest list: A; B; C", "Name on card: YAEL COHEN".
const ROLE = [
  'name on (?:the )?card',
  'card ?holder',
  '(?:account|policy|joint account) ?holders?',
  'policyholder',
  'attendees?',
  'apologies',
  'absent',
  'present',
  'participants?',
  'guests?',
  'guest list',
  'panel',
  'interviewers?',
  'recipients?',
  'senders?',
  'landlord',
  'tenants?',
  'owners?',
  'beneficiar(?:y|ies)',
  'payee',
  'applicants?',
  'candidates?',
  'patients?',
  'employees?',
  'staff',
  'drivers?(?: at (?:the )?time of (?:the )?(?:accident|incident|collision|loss))?',
  'passengers?',
  'witness(?:es)?',
  'guarantors?',
  'contact(?: person)?',
  'assignee',
  'assigned to',
  'requester',
  'requested by',
  'reported by',
  'approved by',
  'prepared by',
  'reviewed by',
  'signed by',
  'signed',
  'ship to',
  'bill to',
  'deliver to',
  'attn',
  'attention',
  'c/o',
  'adjuster(?: assigned)?',
  'agent',
  'caller',
  'host',
  'organi[sz]er',
  'speakers?',
  'author',
  'lead',
  'new lead',
  'next of kin',
  'customer',
  'client',
  'member',
  'emergency contact',
  'spouse',
  'parent',
  'guardian',
  'claimants?',
  'insured',
  'surname',
  'given names?(?:\\(s\\))?',
  '(?:first|last|family|middle|maiden|full) names?',
  'forenames?',
  "(?:customer|client|patient|passenger|purchaser|applicant|member|guest|student|employee|cardholder|holder|tenant|caller|recipient|sender|buyer|driver|owner)(?:['’]s)? name",
  'name of (?:the )?(?:applicant|spouse|partner|spouse/partner|account holder|holder|patient|employee|tenant|guest|student|child|parent|guardian|deceased|witness|beneficiary|insured|driver|owner)',
  'name on badge',
  'referring (?:clinician|doctor|physician)',
  'signed for by',
  'collected by',
  'received by',
  'handed to',
  'accepted by',
  // Who stands in for whom on leave, rota and hand-over forms.
  'covering',
  'cover',
  'covered by',
  'backup',
  'approver',
  'reviewer',
  'trainer',
  'instructor',
  'mentor',
  'on[ -]call',
].join('|');
// "Additional driver:", "Secondary contact:": a role with a word saying which one.
const WHICH = '(?:additional|second|secondary|primary|main|joint|named|alternate|alternative|backup)';
const FIELD = new RegExp(
  String.raw`(?:^|\n|[.!?][ \t]+)[ \t]*(?:${WHICH}[ \t]+)?(?:${ROLE})[ \t]*:[ \t]*\n?[ \t]*([^\n]+)`,
  'giu',
);
const PERSON_NAME = new RegExp(`^(?:${NAME})$`, 'u');
// "Acme Support (help@acme.test)" is a mailbox, not a person.
const MAILBOX =
  /\b(?:support|team|help|helpdesk|billing|sales|info|admin|service|services|desk|office|name|user|customer)\b/i;

const REPLY_WORD = /^(?:Expression|Adjective|Interjection|Adverb)$/;

/** People in form fields whose label says the value is a person, one or a list of them. */
export function fieldNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(FIELD)) {
    const value = m[1] ?? '';
    let at = m.index + m[0].length - value.length;
    const valueStart = at;
    // A value ends at the first clause that is not a name ("Rohan to send the budget"): only items that
    // are wholly a name count.
    for (const piece of value.split(/([ \t]*(?:;|,|\||\band\b|&|\(|\)|\.(?=[ \t]|$))[ \t]*)/u)) {
      const item = piece.trim();
      const separator = item === '' || /^(?:;|,|\||and|&|\(|\)|\.)$/.test(item);
      if (!separator) {
        // "Approved by: Avi J. Levi, Registered Nurse, on ...": the name's job title ends the list.
        if (!PERSON_NAME.test(item) || item.split(/[ \t]+/).some((w) => TITLE_WORDS.has(w.toLowerCase()))) break;
        // "CALLER: Sure.", "Owner: Unknown": a reply or a placeholder, not a name (in a list of names,
        // "Zhiyuan, Mere and Emi", it is one).
        if (at === valueStart && REPLY_WORD.test(String(LEXICON[item.toLowerCase()] ?? ''))) break;
        const name = cleanName(text, at + piece.indexOf(item), item);
        if (name !== null) spans.push({ type: 'PERSON', ...name, score: 0.8, detector: 'person-field' });
      }
      at += piece.length;
    }
  }
  return spans;
}

// "Ximena de la Cruz, who is retiring": only people are "who".
const WHO = new RegExp(String.raw`(?<![\p{L}])(${NAME})[ \t]*,[ \t]*who\b`, 'gu');
// "Wiremu Te Whare (wiremu@example.org) has requested": the owner of the address beside it.
const WITH_EMAIL = new RegExp(String.raw`(?<![\p{L}])(${NAME})[ \t]*[(<][ \t]*[^\s()<>@]+@[^\s()<>]+[ \t]*[)>]`, 'gu');

// "2. Sipho Moyo, +48 699 766 831": a name and the phone number that reaches its owner.
const WITH_PHONE = new RegExp(String.raw`(?<![\p{L}])(${NAME})[ \t]*,[ \t]*\+?\(?\d[\d \t().-]{6,}\d`, 'gu');
// "Min-ji Jeong, your appointment ...": someone addressed at the start of a message or a line.
const VOCATIVE = new RegExp(
  String.raw`(?:^|\n|:[ \t]+)[ \t]*(?!(?:For|In|On|At|With|From|To|By|If|When|After|Before|Since|Unless|Under|Per|Via|As|Once|While)\b)(${NAME})[ \t]*,[ \t]+(?:your|you|you're|you've|we|we've|thank|thanks|please|this is)\b`,
  'gu',
);
const ONE_WORD_ALLOWED = new Set([WITH_EMAIL]);

/** Names that what follows says are people: "who", their e-mail address or phone number, or "your ..." addressed to them. */
export function appositiveNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const pattern of [WHO, WITH_EMAIL, WITH_PHONE, VOCATIVE]) {
    for (const m of text.matchAll(pattern)) {
      const raw = m[1] ?? '';
      const name = cleanName(text, m.index + m[0].indexOf(raw), raw);
      // One word before "who" is often a noun or a place ("Paris, who..."): two or more words, or an e-mail owner.
      if (name === null || (!ONE_WORD_ALLOWED.has(pattern) && !name.value.includes(' ')) || MAILBOX.test(name.value))
        continue;
      spans.push({ type: 'PERSON', ...name, score: 0.7, detector: 'person-appositive' });
    }
  }
  return spans;
}

// "Dear Luca and Lan,", "Hi Ana & Bilal!": both are addressed; "the whole Oliveira family": a surname.
const ADDRESSED = new RegExp(
  String.raw`(?<![\p{L}])(?:[Dd]ear|[Hh]i|[Hh]ello|[Hh]ey)[ \t]+(${NAME})[ \t]+(?:and|&)[ \t]+(${NAME})(?=[ \t]*[,!:\n])`,
  'gdu',
);
const FAMILY = new RegExp(String.raw`(?<![\p{L}])the[ \t]+(?:whole[ \t]+|entire[ \t]+)?(${NAME})[ \t]+family\b`, 'gdu');

/** Names addressed together in a greeting, and a family's surname. */
export function addressedNames(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const add = (m: RegExpMatchArray, group: number, score: number, detector: string) => {
    const at = m.indices?.[group]?.[0];
    const name = at === undefined ? null : cleanName(text, at, m[group] ?? '');
    if (name !== null) spans.push({ type: 'PERSON', ...name, score, detector });
  };
  for (const m of text.matchAll(ADDRESSED)) {
    add(m, 1, 0.8, 'person-addressed');
    add(m, 2, 0.8, 'person-addressed');
  }
  for (const m of text.matchAll(FAMILY)) add(m, 1, 0.7, 'person-family');
  return spans;
}
