import type { CountryCode } from 'libphonenumber-js/max';

/** The entity types the built-in detectors report. */
export const PII_TYPES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'IP_ADDRESS',
  'SECRET',
  'URL',
  'PERSON',
  'STREET_ADDRESS',
  'DATE_OF_BIRTH',
] as const;

/** A built-in entity type. Custom recognizers and deny lists may add their own upper-case names. */
export type BuiltinPiiType = (typeof PII_TYPES)[number];

/** A built-in type or a caller-defined one (upper snake case, e.g. 'EMPLOYEE_ID'). */
export type PiiType = BuiltinPiiType | (string & {});

/** One detection. Offsets are UTF-16 indices, so `text.slice(start, end) === value`. */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
  value: string;
  /** Confidence from 0 to 1; validated shapes (Luhn, IBAN checksum) score near 1. */
  score: number;
  /** Which recognizer produced the span, for debugging and tuning. */
  detector: string;
}

/** A caller-supplied regex recognizer; `validate` can reject a match (checksums and the like). */
export interface CustomRecognizer {
  type: PiiType;
  pattern: RegExp;
  score?: number;
  validate?: (value: string) => boolean;
}

/** Terms that are always treated as PII of the given type (case-insensitive, whole words). */
export interface DenyList {
  type: PiiType;
  terms: readonly string[];
}

/** Options shared by detect and redact. */
export interface DetectOptions {
  /** Only report these types; default: every built-in type plus the custom ones. */
  types?: readonly PiiType[];
  /** Never report these types (e.g. PERSON when speed matters more). */
  exclude?: readonly PiiType[];
  /** Region used for national phone formats; default 'US'. */
  defaultRegion?: CountryCode;
  denyLists?: readonly DenyList[];
  recognizers?: readonly CustomRecognizer[];
  /** Values that are never reported (e.g. the support team's own address). */
  allowList?: readonly string[];
  /** Extra capitalised words that must never be taken for a person's name. */
  personSuppress?: readonly string[];
  /** Drop spans scoring below this; default 0. */
  minScore?: number;
}

/** What each recognizer receives: the text and the resolved options. */
export interface RecognizerContext {
  text: string;
  options: DetectOptions;
}

/** A built-in recognizer: a pure function from text to candidate spans. */
export type Recognizer = (ctx: RecognizerContext) => PiiSpan[];
