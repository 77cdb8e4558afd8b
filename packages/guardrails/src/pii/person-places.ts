import { isTitleBefore, looksLikeName, TITLE_HEADS, TITLE_WORDS } from './person-words.js';
import type { PiiSpan } from './types.js';

// Cities named like people ("in Lincoln", "from Victoria to Madison", "the Adelaide branch"): a single
// word that only a weak rule found is a place where the words around it say so.
const BEFORE_PLACE =
  /(?:\bin|\bnear|\bfrom[ \t]+\p{Lu}[\p{L}'’-]+[ \t]+to|\bfrom(?=[ \t]+\S+[ \t]+to[ \t]+\p{Lu}))[ \t]+$/u;
const AFTER_PLACE =
  /^[ \t]+(?:branch|office|offices|team|hotel|store|site|campus|airport|headquarters|area|region|warehouse|depot|trade fair|clinic|location)\b/u;

// The last word of an organisation's or an event's name: "Queen Mary Hospital", "Ada Lovelace Academy".
const ORGANISATION_WORDS =
  `credit union|union|bank|hospital|clinic|insurance|group|hotels?|foods|services|holdings|partners|capital
mutual|trust|foundation|university|college|school|church|academy|institute|centre|center|museum|library|summit|conference
festival|society|association|council|practice|surgery|pharmacy|gallery|theatre|theater|stadium|airport|station|software
technologies|labs|systems|studios?|games|media|consulting|consultants|engineering|robotics|logistics|solutions|analytics
ventures|industries|manufacturing|construction|properties|motors|energy|networks|healthcare|pharmaceuticals
corp|corporation|orchestra|band|choir`.replace(/\s*\n\s*/g, '|');
const ORGANISATION_TAIL = new RegExp(`^(?:${ORGANISATION_WORDS})$`, 'iu');
// "Grace Community Credit Union", "St. Mary's Hospital": a name inside an organisation's name.
const BEFORE_ORGANISATION = /(?:\bSt\.?|\bSaint)[ \t]+$/u;
const CAPITALISED_ORGANISATION = ORGANISATION_WORDS.replace(
  /(^|\||[ (])(\p{Ll})/gu,
  (_, b: string, c: string) => b + c.toUpperCase(),
);
const AFTER_ORGANISATION = new RegExp(
  String.raw`^(?:['’]s)?(?:[ \t]+\p{Lu}[\p{L}'’&-]*){0,2}[ \t]+(?:${CAPITALISED_ORGANISATION}|Ltd|Inc|LLC|LLP|PLC|GmbH|S\.A\.)\b`,
  'u',
);

// A street or city in an address: "4 avenue Victor Hugo", "Rue Sainte-Catherine", "Madison, WI 53703",
// "Montréal QC H2X 1L4".
const IN_STREET =
  /(?:\b(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Cc]alle|[Cc]arrera|[Vv]iale|[Ss]tra(?:ss|ß)e|[Ss]treet|[Rr]oad|[Bb]oulevard|[Bb]lvd|[Pp]laza|[Pp]iazza)[ \t]+|\b[Ss]ainte?-)(?:\p{Lu}[\p{L}'’-]*[ \t]+)?$/u;
const BEFORE_REGION =
  /^,?[ \t]+(?:\p{Lu}{2,3}[ \t]+(?:\d{4,5}|\p{Lu}\d\p{Lu}[ \t]?\d\p{Lu}\d)|(?:gate|gata|gade|vej|veien|straat|weg)\b)/u;

// "Jalan Ampang", "Bağdat Caddesi": a street word opens or closes the name of a street.
const STREET_NAME =
  /^(?:Jalan|Jln\.?|Rua|Calle|Avenida|Rue|Ulica|Calea|Carrer)[ \t]|[ \t](?:Caddesi|Sokak|Sokağı|Straße|Strasse|Gasse|Laan|Straat|Gatan|Vej|Veien)$/u;
const PLACE_NOUN_AFTER =
  /^[ \t]+(?:station|airport|bridge|square|park|lake|river|street|road|cathedral|church|memorial)\b/u;

// "3 x Ruby Red Throw Cushion": what follows a quantity is a product.
const AFTER_QUANTITY = /\b\d+[ \t]*[x×][ \t]+$/u;
// "the Jenkins plugin", "the Alexa skill": a product's name before what it is.
const AFTER_PRODUCT =
  /^[ \t]+(?:plugin|plug-in|skill|shortcut|app|integration|extension|add-on|api|sdk|module|device|speaker|widget|model|edition|theme|template|pipelines?|builds?|jobs?|server|instance|cluster|container)\b/u;

/** The span without the job title written before the name ("Software Engineer Quang Nguyen"); null when nothing is left. */
export function withoutLeadingTitle(span: PiiSpan): PiiSpan | null {
  const m = /^(?:\p{L}+[ \t]+)+/u.exec(span.value);
  if (m === null) return span;
  const words = m[0].trim().split(/[ \t]+/);
  let cut = 0;
  while (cut < words.length && isTitleWord(words[cut] ?? '')) cut++;
  if (cut === 0) return span;
  const skip = new RegExp(String.raw`^(?:\S+[ \t]+){${cut}}`, 'u').exec(span.value)?.[0].length ?? 0;
  const rest = span.value.slice(skip);
  if (rest === '') return null;
  const start = span.end - rest.length;
  return { ...span, start, value: rest };
}

// TITLE_WORDS holds every title head too; an honorific or a role before a name goes with them.
function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase()) || isTitleBefore(word);
}

/** Whether a name-shaped span is a job title ("Warehouse Manager"), an organisation ("Queen Mary Hospital") or a product ("RevIMG"). */
export function isRoleOrOrganisation(span: PiiSpan): boolean {
  // "RevIMG", "iOS": capitals after small letters make a product's name, not a person's ("McDonald" has one).
  if (/\p{Ll}\p{Lu}{2}/u.test(span.value)) return true;
  // "CAN I SPEAK TO A REAL PERSON": shouted words, none of which could be a name ("JOHN SMITH" has one).
  if (/^[\p{Lu}\P{L}]+$/u.test(span.value) && !span.value.split(/[^\p{L}'’-]+/u).some((w) => looksLikeName(w)))
    return true;
  const words = span.value.toLowerCase().split(/[ \t]+/);
  const last = words[words.length - 1] ?? '';
  if (ORGANISATION_TAIL.test(last)) return true;
  if (words.every(isTitleWord)) return true;
  return words.length >= 2 && TITLE_HEADS.has(last);
}

/**
 * Whether a name is a place, a product or part of an organisation, by the words around it: a product
 * after a quantity whatever found it, the rest only for names a weaker rule found (score < 0.8).
 */
export function isPlace(text: string, span: PiiSpan): boolean {
  if (AFTER_QUANTITY.test(text.slice(Math.max(0, span.start - 8), span.start))) return true;
  if (STREET_NAME.test(span.value)) return true;
  if (span.score >= 0.8) return false;
  if (IN_STREET.test(text.slice(Math.max(0, span.start - 30), span.start))) return true;
  if (BEFORE_REGION.test(text.slice(span.end, span.end + 20))) return true;
  if (BEFORE_ORGANISATION.test(text.slice(Math.max(0, span.start - 8), span.start))) return true;
  if (AFTER_ORGANISATION.test(text.slice(span.end, span.end + 60))) return true;
  if (span.value.includes(' ')) return false;
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  const after = text.slice(span.end, span.end + 20);
  if (/\b(?:the|our|your|their|its)[ \t]+$/iu.test(before) && AFTER_PLACE.test(after)) return true;
  if (/\bthe[ \t]+$/iu.test(before) && AFTER_PRODUCT.test(after)) return true;
  // "departs Victoria station", "Heathrow airport": a place's name before what it is.
  if (/^\p{Lu}/u.test(span.value) && PLACE_NOUN_AFTER.test(after)) return true;
  return BEFORE_PLACE.test(before) && !/^['’]s\b/u.test(text.slice(span.end));
}
