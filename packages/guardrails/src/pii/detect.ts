import { detectAddresses } from './address.js';
import { detectCustom } from './custom.js';
import { detectDatesOfBirth } from './dob.js';
import { detectPersons } from './person.js';
import { detectPhones } from './phone.js';
import { placeholderPattern, placeholderTypes } from './placeholders.js';
import { detectSecrets, detectSecretUrls } from './secrets.js';
import { detectCreditCards, detectEmails, detectIbans, detectIpAddresses, detectSsns } from './structured.js';
import type { BuiltinPiiType, DetectOptions, PiiSpan, PiiType, Recognizer } from './types.js';

const BUILTIN: ReadonlyArray<readonly [BuiltinPiiType, Recognizer]> = [
  ['EMAIL', detectEmails],
  ['IP_ADDRESS', detectIpAddresses],
  ['US_SSN', detectSsns],
  ['CREDIT_CARD', detectCreditCards],
  ['IBAN', detectIbans],
  ['SECRET', detectSecrets],
  ['URL', detectSecretUrls],
  ['PHONE', detectPhones],
  ['DATE_OF_BIRTH', detectDatesOfBirth],
  ['STREET_ADDRESS', detectAddresses],
  ['PERSON', detectPersons],
];

/** Every candidate from every enabled recognizer, before overlaps are resolved. */
export function detectCandidates(text: string, options: DetectOptions = {}): PiiSpan[] {
  const wanted = (type: PiiType): boolean =>
    (options.types === undefined || options.types.includes(type)) && !(options.exclude ?? []).includes(type);
  const ctx = { text, options };
  const spans: PiiSpan[] = [];
  for (const [type, recognizer] of BUILTIN) if (wanted(type)) spans.push(...recognizer(ctx));
  spans.push(...detectCustom(ctx).filter((s) => wanted(s.type)));
  return spans;
}

/**
 * Finds PII spans in `text`, resolving overlaps so no character belongs to two spans.
 * @example detect('mail me at ana@example.com') // [{ type: 'EMAIL', start: 11, end: 26, ... }]
 */
export function detect(text: string, options: DetectOptions = {}): PiiSpan[] {
  const allowed = new Set((options.allowList ?? []).map((v) => v.toLowerCase()));
  const blocked = placeholderRanges(text, customTypes(options));
  const candidates = detectCandidates(text, options).filter(
    (s) =>
      s.end > s.start &&
      s.score >= (options.minScore ?? 0) &&
      !allowed.has(s.value.toLowerCase()) &&
      !blocked.some(([a, b]) => s.start < b && a < s.end),
  );
  return resolveOverlaps(candidates);
}

/** Keeps the best span of each overlapping group: higher score first, then longer, then earlier. */
export function resolveOverlaps(spans: readonly PiiSpan[]): PiiSpan[] {
  const ranked = [...spans].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiSpan[] = [];
  for (const s of ranked) {
    if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The custom type names the options introduce (deny lists and regex recognizers). */
export function customTypes(options: DetectOptions): string[] {
  return [...(options.denyLists ?? []).map((d) => d.type), ...(options.recognizers ?? []).map((r) => r.type)];
}

// Text that already looks like one of our placeholders is never itself PII.
function placeholderRanges(text: string, extraTypes: readonly string[]): Array<readonly [number, number]> {
  if (!text.includes('_')) return [];
  return [...text.matchAll(placeholderPattern(placeholderTypes(extraTypes)))].map(
    (m) => [m.index, m.index + m[0].length] as const,
  );
}
