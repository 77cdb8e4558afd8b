import type { PiiSpan } from './types.js';

// Cities named like people ("in Lincoln", "from Victoria to Madison", "the Adelaide branch"): a single
// word that only a weak rule found is a place where the words around it say so.
const BEFORE_PLACE =
  /(?:\bin|\bnear|\bfrom[ \t]+\p{Lu}[\p{L}'’-]+[ \t]+to|\bfrom(?=[ \t]+\S+[ \t]+to[ \t]+\p{Lu}))[ \t]+$/u;
const AFTER_PLACE =
  /^[ \t]+(?:branch|office|offices|team|hotel|store|site|campus|airport|headquarters|area|region|warehouse|depot|trade fair|clinic|location)\b/u;

// "Grace Community Credit Union", "St. Mary's Hospital": a name inside an organisation's name.
const BEFORE_ORGANISATION = /(?:\bSt\.?|\bSaint)[ \t]+$/u;
const AFTER_ORGANISATION =
  /^(?:['’]s)?(?:[ \t]+\p{Lu}[\p{L}'’&-]*){0,2}[ \t]+(?:Credit Union|Union|Bank|Hospital|Clinic|Insurance|Group|Hotels?|Foods|Services|Holdings|Partners|Capital|Mutual|Trust|Foundation|University|College|School|Church|Ltd|Inc|LLC|LLP|PLC|GmbH|S\.A\.)\b/u;

// A street or city in an address: "4 avenue Victor Hugo", "Rue Sainte-Catherine", "Madison, WI 53703",
// "Montréal QC H2X 1L4".
const IN_STREET =
  /(?:\b(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Cc]alle|[Cc]arrera|[Vv]iale|[Ss]tra(?:ss|ß)e|[Ss]treet|[Rr]oad|[Bb]oulevard|[Bb]lvd|[Pp]laza|[Pp]iazza)[ \t]+|\b[Ss]ainte?-)(?:\p{Lu}[\p{L}'’-]*[ \t]+)?$/u;
const BEFORE_REGION =
  /^,?[ \t]+(?:\p{Lu}{2,3}[ \t]+(?:\d{4,5}|\p{Lu}\d\p{Lu}[ \t]?\d\p{Lu}\d)|(?:gate|gata|gade|vej|veien|straat|weg)\b)/u;

/** Whether a name a weaker rule found (score < 0.8) is a place or part of an organisation, by the words around it. */
export function isPlace(text: string, span: PiiSpan): boolean {
  if (span.score >= 0.8) return false;
  if (IN_STREET.test(text.slice(Math.max(0, span.start - 30), span.start))) return true;
  if (BEFORE_REGION.test(text.slice(span.end, span.end + 20))) return true;
  if (BEFORE_ORGANISATION.test(text.slice(Math.max(0, span.start - 8), span.start))) return true;
  if (AFTER_ORGANISATION.test(text.slice(span.end, span.end + 60))) return true;
  if (span.value.includes(' ')) return false;
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  if (/\bthe[ \t]+$/iu.test(before) && AFTER_PLACE.test(text.slice(span.end, span.end + 20))) return true;
  return BEFORE_PLACE.test(before) && !/^['’]s\b/u.test(text.slice(span.end));
}
