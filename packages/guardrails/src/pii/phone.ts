import { type CountryCode, isPossiblePhoneNumber, isValidPhoneNumber } from 'libphonenumber-js/max';
import { isIpv4 } from './checksums.js';
import { after, before, digitsOf, spansFromRegex } from './span.js';
import type { Recognizer } from './types.js';

// Digit groups joined by one separator, with optional (area) groups, +/00 prefix and extension.
// Each digit group is maximal ((?!\d)), so a long digit run cannot be split many ways while backtracking.
const GROUP = String.raw`(?:\(\d{1,5}\)|\d{1,12}(?!\d))`;
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\d+_./-])(?:\+|00)?${GROUP}(?:(?:[ .\u00a0-]|\) ?| ?\()?${GROUP}){0,7}(?:\s?(?:x|ext\.?|extension)\s?\d{1,6})?(?![\p{L}\d_]|[.,/-]\d)`,
  'gu',
);

// Regions tried when a national number is not valid in the default region.
const FALLBACK_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'IN',
  'AU',
  'CA',
  'BR',
  'IT',
  'ES',
  'NL',
  'SE',
  'CH',
  'IL',
];

const CUE_BEFORE =
  /\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|desk|office|call|calling|text|sms|whatsapp|reach|contact|dial|ring|number|messages? to|answering at|registered|landline|hotline)\b[^\n\d]{0,25}(?:\n[^\n\d]{0,5})?$/i;
const CUE_AFTER = /^\s?[-,(]?\s?(?:office|fax|mobile|cell|home|work|phone|tel|desk)\b/i;
const NEGATIVE_BEFORE =
  /(?:\b(?:order|invoice|ticket|case|ref|reference|tracking|acct|account|customer|transaction|id|po|sku|serial|receipt|booking|confirmation|item|model|part|version|isbn|zip|postcode|postal code)\b\s*(?:number|no\.?|num|#|id|code)?|#|no\.|[$€£¥]|\b(?:usd|eur|gbp))\s*[:#]?\s*$/i;
const NEGATIVE_AFTER =
  /^\s?(?:%|percent|usd|eur|gbp|dollars?|euros?|pounds?|items?|units?|pcs|kg|km|mb|gb|ms|seconds?|minutes?|hours?|days?)\b/i;
const DATE_INSIDE = /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:1[89]|20)\d{2}\b/;

/** Phone numbers, international and national, via libphonenumber-js; order numbers, dates and amounts are rejected. */
export const detectPhones: Recognizer = ({ text, options }) => {
  const region = options.defaultRegion ?? 'US';
  return spansFromRegex(text, CANDIDATE, 'PHONE', 'phone', (value, start) => {
    const digits = digitsOf(value.replace(/(?:x|ext\.?|extension)\s?\d+$/i, ''));
    if (digits.length < 7 || digits.length > 15) return null;
    if (looksLikeSomethingElse(text, value, start)) return null;
    return scorePhone(value, region, hasCue(text, start, start + value.length));
  });
};

function looksLikeSomethingElse(text: string, value: string, start: number): boolean {
  const end = start + value.length;
  // 3-2-4 with dashes is the SSN shape, never a phone layout.
  if (
    isIpv4(value) ||
    /^\d{3}-\d{2}-\d{4}$/.test(value) ||
    DATE_INSIDE.test(value) ||
    /^\d{1,2}:\d/.test(text.slice(end, end + 3))
  )
    return true;
  if (/:\s?$/.test(text.slice(Math.max(0, start - 1), start)) && /\d:$/.test(before(text, start, 3))) return true;
  return NEGATIVE_BEFORE.test(before(text, start, 30)) || NEGATIVE_AFTER.test(after(text, end, 12));
}

function hasCue(text: string, start: number, end: number): boolean {
  return CUE_BEFORE.test(before(text, start, 45)) || CUE_AFTER.test(after(text, end, 12));
}

// International numbers are judged by their own country code; national ones need validity or a cue.
function scorePhone(value: string, region: CountryCode, cue: boolean): number | null {
  const normalised = value.replace(/\(0\)/, '').replace(/^00/, '+');
  const grouped = /[ .()\u00a0-]/.test(value.trim());
  if (normalised.startsWith('+')) {
    if (isValidPhoneNumber(normalised)) return 0.95;
    return isPossiblePhoneNumber(normalised) || cue ? 0.8 : null;
  }
  const validHere = isValidPhoneNumber(normalised, region);
  if (cue) return validHere ? 0.9 : 0.8;
  if (validHere) return grouped ? 0.75 : 0.55;
  // Trying every region is the slow path (tens of microseconds each), so only grouped numbers get it.
  return grouped && FALLBACK_REGIONS.some((r) => r !== region && isValidPhoneNumber(normalised, r)) ? 0.6 : null;
}
