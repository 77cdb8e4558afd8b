import { getCountrySpecifications, isValidIBAN } from 'ibantools';
import { isIpv4, isIpv6, isLuhnValid, isPlausibleSsn } from './checksums.js';
import { before, digitsOf, spansFromRegex } from './span.js';
import type { PiiSpan, Recognizer } from './types.js';

// The local part allows Unicode letters (RFC 6531); the domain needs a dot and a 2+ letter TLD.
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const IPV6 =
  /(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9A-Za-z:])/g;
const SSN = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
// 12-19 digits in groups separated by single spaces or dashes.
const CARD = /(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])/g;
const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){10,32}/g;

/** Email addresses, including ones that sit inside URLs. */
export const detectEmails: Recognizer = ({ text }) =>
  // Most messages hold no address; one scan for '@' is far cheaper than the Unicode pattern's.
  text.includes('@')
    ? spansFromRegex(text, EMAIL, 'EMAIL', 'email', (value) =>
        value.startsWith('.') || value.includes('..') ? null : 0.99,
      )
    : [];

/** IPv4 quads (not versions such as "v1.2.3.4") and IPv6 addresses. */
export const detectIpAddresses: Recognizer = ({ text }) => [
  ...spansFromRegex(text, IPV4, 'IP_ADDRESS', 'ipv4', (value, start) => {
    if (!isIpv4(value)) return null;
    return /(?:\bv|\b(?:version|release|build)\s*)$/i.test(before(text, start, 12)) ? null : 0.95;
  }),
  ...(text.includes(':')
    ? spansFromRegex(text, IPV6, 'IP_ADDRESS', 'ipv6', (value) =>
        isIpv6(value) && /[0-9a-f]{2}/i.test(value) ? 0.95 : null,
      )
    : []),
];

/** US social security numbers: dashed or spaced; bare nine digits only with an SSN cue nearby. */
export const detectSsns: Recognizer = ({ text }) =>
  spansFromRegex(text, SSN, 'US_SSN', 'ssn', (value, start) => {
    const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(value);
    if (m === null || !isPlausibleSsn(m[1] ?? '', m[2] ?? '', m[3] ?? '')) return null;
    const cue = /\b(?:ssn|social security|social sec|ss#|taxpayer|tin)\b/i.test(before(text, start, 40));
    if (/^\d{9}$/.test(value)) return cue ? 0.9 : null;
    return cue ? 0.95 : 0.85;
  });

/** Card numbers: 12-19 digits, Luhn-valid, not a single repeated digit. */
export const detectCreditCards: Recognizer = ({ text }) =>
  spansFromRegex(text, CARD, 'CREDIT_CARD', 'luhn', (value, start) => {
    const digits = digitsOf(value);
    if (!isLuhnValid(digits) || /^(\d)\1+$/.test(digits)) return null;
    if (/[ -]{2}/.test(value)) return null;
    if (insideHexId(text, start, start + value.length)) return null;
    // 12-digit cards exist (Maestro) but so do many 12-digit ids; accept only Maestro prefixes.
    if (digits.length === 12 && !/^(?:5[06-9]|6)/.test(digits)) return null;
    return 0.95;
  });

// A UUID or hash whose leading groups happen to be all digits ("48297733-4120-49ab-…") passes
// Luhn one time in ten; a card number is never glued to hex letters.
function insideHexId(text: string, start: number, end: number): boolean {
  let from = start;
  let to = end;
  while (from > 0 && /[0-9A-Za-z-]/.test(text[from - 1] ?? '')) from -= 1;
  while (to < text.length && /[0-9A-Za-z-]/.test(text[to] ?? '')) to += 1;
  const token = text.slice(from, to);
  return token.length > end - start && /^[0-9a-f-]+$/i.test(token) && /[a-f]/i.test(token);
}

/** IBANs in electronic or grouped form, any case, checksum- and BBAN-validated. */
export const detectIbans: Recognizer = ({ text }) => {
  const spans: PiiSpan[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const found = longestValidIban(match[0]);
    if (found !== null) {
      const start = match.index;
      spans.push({ type: 'IBAN', start, end: start + found.length, value: found, score: 1, detector: 'iban' });
    }
  }
  return spans;
};

// Each country's IBANs have one length, so only one prefix of a candidate can be one.
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  Object.entries(getCountrySpecifications()).flatMap(([country, spec]) => (spec.chars ? [[country, spec.chars]] : [])),
);

// A greedy match may swallow the next word ("... 32 and"): the IBAN is the prefix holding as many
// letters and digits as its country's IBANs have, if that prefix's checksum holds.
function longestValidIban(candidate: string): string | null {
  const length = IBAN_LENGTHS.get(candidate.slice(0, 2).toUpperCase());
  if (length === undefined) return null;
  let electronic = '';
  for (let end = 0; end < candidate.length; end++) {
    const char = candidate[end] as string;
    if (char === ' ' || char === '-') continue;
    electronic += char.toUpperCase();
    if (electronic.length === length) return isValidIBAN(electronic) ? candidate.slice(0, end + 1) : null;
  }
  return null;
}
