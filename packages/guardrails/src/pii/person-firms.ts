import { FIRST_NAMES, HONORIFICS } from './person-words.js';
import type { PiiSpan } from './types.js';

const SURNAME = String.raw`\p{Lu}\p{Ll}+(?:['’]\p{Lu}\p{Ll}+)?`;
// "Davis, Reynolds and Williamson", "Marshall, Hernandez & Simpson": a firm named after its partners.
const PARTNERS = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’-])(${SURNAME}),[ \t]+(${SURNAME}),?[ \t]+(?:and|&)[ \t]+(${SURNAME})(?![\p{L}\p{N}-])`,
  'gu',
);
// "Weeks-Rivas", "Ellis-Ingram": two surnames joined by a hyphen, with no first name before them.
const DOUBLE_BARRELLED = new RegExp(String.raw`(?<![\p{L}\p{N}'’-])(${SURNAME})-(${SURNAME})(?![\p{L}\p{N}'’-])`, 'gu');
// Well-known companies, tools and assistants named like people, which a name rule reads as people.
const KNOWN_FIRMS_LIST = String.raw`Morgan Stanley|Goldman Sachs|Merrill Lynch|J\.? ?P\.? Morgan|Wells Fargo|Charles Schwab
Edward Jones|Raymond James|Lloyds|Barclays|Rothschild|Lazard|Ernst (?:&|and) Young|Deloitte|Johnson (?:&|and) Johnson
Procter (?:&|and) Gamble|Marks (?:&|and) Spencer|Ben (?:&|and) Jerry['’]s|Dolce (?:&|and) Gabbana|Harley[- ]Davidson
Rolls[- ]Royce|Mercedes[- ]Benz|Louis Vuitton|Calvin Klein|Ralph Lauren|Tommy Hilfiger|Hugo Boss|Christian Dior
Est[eé]e Lauder|Walt Disney|Dow Jones|Reed Elsevier|Wolters Kluwer|Thomson Reuters|Bloomberg|McKinsey|Booz Allen
Jenkins|Wendy['’]s|McDonald['’]s|Kellogg['’]?s?|Hewlett[- ]Packard|Dell|Ford|Chrysler|Ferrari|Porsche|Lamborghini
Siemens|Philips|Bosch|Tesla|Boeing|Cadbury|Heinz|Nestl[eé]|Gillette|Colgate|Bixby|Alexa|Siri|Cortana`;
const KNOWN_FIRMS = new RegExp(
  String.raw`(?<![\p{L}])(?:${KNOWN_FIRMS_LIST.replace(/\s*\n\s*/g, '|')})(?![\p{L}])`,
  'gu',
);

// Where a firm is named: where someone works, comes from or spent time, before what it owns or is, or
// as a line of its own (an address block, a signature); "Attendees: Zhiyuan, Mere and Emi" are people.
const FIRM_BEFORE = /\b(?:at|for|from|of|joined|the)[ \t]+$/iu;
const FIRM_AFTER = /^(?:['’]s\b|[ \t]+(?:Orchestra|Group|LLP|LLC|Inc|Ltd|Partners|Associates)\b)/u;
const LINE_START = /(?:^|\n)[ \t>]*$/u;
const LINE_END = /^[ \t]*(?:$|\n)/u;

/**
 * A test of whether a name-shaped span in `text` is part of a well-known company or product named like
 * people ("Morgan Stanley", "Dell") or of a firm named after people ("the Davis, Reynolds and Williamson
 * Orchestra", "I work for Ellis-Ingram"): law, accounting and agency names are built this way. A first name
 * among the parts makes them people ("Anna, Ben and Carl"), as does an honorific before them. The text is
 * searched once, however many spans are tested.
 */
export function firmNameTest(text: string): (span: PiiSpan) => boolean {
  const known = [...text.matchAll(KNOWN_FIRMS)];
  const partners = [...text.matchAll(PARTNERS), ...text.matchAll(DOUBLE_BARRELLED)];
  if (known.length === 0 && partners.length === 0) return () => false;
  return (span) => known.some((m) => isKnownFirm(text, span, m)) || partners.some((m) => isPartnerFirm(text, span, m));
}

function isKnownFirm(text: string, span: PiiSpan, m: RegExpMatchArray): boolean {
  const start = m.index ?? 0;
  const end = start + m[0].length;
  // "our founders: Gerste, Johnson and Johnson" is a list of people that happens to spell a firm.
  if (span.start >= end || start >= span.end || /,[ \t]*$/u.test(text.slice(0, start))) return false;
  // "Morgan Stanley" is the bank wherever it is; "Ford" alone is the carmaker, "Harrison Ford" and "Mr Ford" people.
  return m[0].includes(' ') || (span.start === start && span.end === end && !afterHonorific(text, start));
}

function isPartnerFirm(text: string, span: PiiSpan, m: RegExpMatchArray): boolean {
  const start = m.index ?? 0;
  const end = start + m[0].length;
  // Within the firm's name, or running on into what it is ("Williamson Orchestra"), never past it.
  if (span.start < start || span.start >= end) return false;
  if (span.end > end && !FIRM_AFTER.test(text.slice(end, span.end))) return false;
  const parts = m.slice(1).map((p) => (p ?? '').toLowerCase());
  // "Anna, Ben and Carl", "Jean-Luc": first names make people; one among surnames ("Marshall") does not.
  if (parts.filter((p) => FIRST_NAMES.has(p)).length >= 2 || afterHonorific(text, start)) return false;
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 40);
  return FIRM_BEFORE.test(before) || FIRM_AFTER.test(after) || (LINE_START.test(before) && LINE_END.test(after));
}

function afterHonorific(text: string, at: number): boolean {
  const word = /(\p{L}+)\.?[ \t]+$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? '';
  return HONORIFICS.has(word.toLowerCase());
}
