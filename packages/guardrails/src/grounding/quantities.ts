/** A number-like claim, normalised so "1,000" = "1000", "$5" = "5 usd", "24 hours" = "24 h". */
export interface Quantity {
  /** The text as written. */
  raw: string;
  /** Canonical form compared across answer and sources. */
  key: string;
  /** The bare number, so "5 USD" in a source still matches "5 dollars" when units are unclear. */
  value: string;
  /** A bare number that is part of a name ("Fibre 80", "Hub 3"): it rivals only another such number. */
  inName?: boolean;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  once: 1,
  twice: 2,
  half: 0.5,
};
const UNITS: Readonly<Record<string, string>> = {
  '%': '%',
  percent: '%',
  pct: '%',
  $: 'usd',
  usd: 'usd',
  dollar: 'usd',
  dollars: 'usd',
  '€': 'eur',
  eur: 'eur',
  euro: 'eur',
  euros: 'eur',
  '£': 'gbp',
  gbp: 'gbp',
  pound: 'gbp',
  pounds: 'gbp',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'min',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  w: 'w',
  month: 'mo',
  months: 'mo',
  year: 'y',
  years: 'y',
  yr: 'y',
  yrs: 'y',
  gb: 'gb',
  mb: 'mb',
  kb: 'kb',
  tb: 'tb',
  km: 'km',
  kg: 'kg',
};
const DATE_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
// A capitalised word that opens a sentence rather than names something ("In 1997", "About 40").
const FUNCTION_WORD =
  /^(?:in|on|at|by|for|from|to|since|until|before|after|about|around|over|under|of|the|and|or|but|with|within|only|just|up|all|each|every|some|approximately|nearly|almost|roughly)$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Durations compare in seconds so "24 hours" = "1 day" = "24h".
const SECONDS: Readonly<Record<string, number>> = { s: 1, min: 60, h: 3600, d: 86400, w: 604800 };

const UNIT_AFTER = String.raw`(?:[ -]?(?:business |working |calendar )?(%|percent|pct|usd|dollars?|eur|euros?|gbp|pounds?|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?|yrs?|gb|mb|kb|tb|km|kg|[smhdw])(?![\p{L}\p{N}]))?`;
const QUANTITY = new RegExp(
  String.raw`(?<![\p{L}\d.])(?:v(?=\d))?([$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)+)?(st|nd|rd|th)?${UNIT_AFTER}`,
  'giu',
);
// The lookahead keeps "ten" out of "tennis" and "one" out of "ones".
const WORD_QUANTITY = new RegExp(String.raw`\b(${Object.keys(NUMBER_WORDS).join('|')})(?!\p{L})${UNIT_AFTER}`, 'giu');
// "valid for a week", "within an hour", "within the first hour": a duration of one, after a word that
// introduces a length of time (not "twice a week", a rate, nor "on the first day", a date).
const ARTICLE_DURATION =
  /\b(?:for|within|in|during|after|over|under|than|about|around|takes?|lasts?)\s+(?:an?|the\s+first)\s+((?:business |working |calendar )?(?:second|minute|hour|day|week|month|year))\b/gi;
const TEXT_DATE = new RegExp(
  String.raw`\b(${MONTHS.join('|')})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTHS.join('|')})[a-z]*\b`,
  'gi',
);

/** Numbers, amounts, durations, percentages, versions and dates in a text, normalised. */
export function quantities(text: string): Quantity[] {
  const clean = text.replace(/\[\d[\d\s,;–-]*\]/g, ' ');
  const out: Quantity[] = [];
  for (const m of clean.matchAll(QUANTITY)) {
    const currency = m[1] === undefined ? undefined : UNITS[m[1]];
    const integer = (m[2] ?? '').replace(/,/g, '');
    const fraction = m[3] ?? '';
    const unit = currency ?? (m[5] === undefined ? undefined : UNITS[m[5].toLowerCase()]);
    // "1.2.3" is a version; "2.50" is a decimal whose trailing zeros do not matter.
    const value =
      (fraction.split('.').length > 2 ? `${integer}${fraction}` : String(Number(`${integer}${fraction}`))) || integer;
    const before = /(\p{Lu}[\p{L}-]*)[ \t]$/u.exec(clean.slice(Math.max(0, m.index - 20), m.index))?.[1] ?? '';
    // A month or a day before a number makes a date ("October 2010"), not a name.
    const inName =
      unit === undefined &&
      before !== '' &&
      !DATE_WORD.test(before) &&
      !FUNCTION_WORD.test(before) &&
      !/^\d{4}$/.test(integer);
    out.push({ raw: m[0].trim(), key: keyOf(value, unit), value, ...(inName ? { inName } : {}) });
  }
  for (const m of clean.matchAll(WORD_QUANTITY)) {
    const value = String(NUMBER_WORDS[(m[1] ?? '').toLowerCase()] ?? '');
    const unit = m[2] === undefined ? undefined : UNITS[m[2].toLowerCase()];
    // Bare "one" is usually a pronoun ("the one you need"); only count it with a unit.
    if (unit === undefined && Number(value) <= 1) continue;
    out.push({ raw: m[0].trim(), key: keyOf(value, unit), value });
  }
  for (const m of clean.matchAll(ARTICLE_DURATION)) {
    const unit = UNITS[(m[1] ?? '').replace(/^\S+ (?=\S)/, '').toLowerCase()];
    out.push({ raw: m[0].replace(/^\S+\s+(?:the\s+)?/, ''), key: keyOf('1', unit), value: '1' });
  }
  for (const m of clean.matchAll(TEXT_DATE)) {
    const month = MONTHS.indexOf((m[1] ?? m[4] ?? '').slice(0, 3).toLowerCase()) + 1;
    out.push({ raw: m[0], key: `date:${month}-${Number(m[2] ?? m[3])}`, value: String(Number(m[2] ?? m[3])) });
  }
  return out;
}

function keyOf(value: string, unit: string | undefined): string {
  if (unit === undefined) return value;
  const seconds = SECONDS[unit];
  if (seconds !== undefined && !Number.isNaN(Number(value))) return `dur:${Number(value) * seconds}`;
  return `${value} ${unit}`;
}

/** The quantities of `claim` that no quantity in `evidence` matches, by key or, when units are missing, by value. */
export function missingQuantities(claim: readonly Quantity[], evidence: readonly Quantity[]): Quantity[] {
  const keys = new Set(evidence.map((q) => q.key));
  const values = new Set(evidence.map((q) => q.value));
  const bareValues = new Set(evidence.filter((q) => q.key === q.value).map((q) => q.value));
  return claim.filter((q) => {
    if (keys.has(q.key)) return false;
    // A unit-less number matches any evidence number with that value; a unit-bearing one matches a
    // unit-less evidence number ("5" in a table next to "days") but not a different unit.
    if (q.key === q.value) return !values.has(q.value);
    return !bareValues.has(q.value);
  });
}

/**
 * The quantities of `missing` that follow by arithmetic from figures the sources state (`evidence`)
 * or the claim states and they confirm: a total (twelve payments of $59 come to $708), a difference
 * ($708 - $590 saves $118), a share (25% off $120 is $90) or a split ($590 a year is about $49 a month).
 * A support answer works such figures out rather than quoting them. Counts the claim or the asker gives
 * ("twelve payments", "three colleagues") only multiply or divide, and a sum or difference needs an
 * operand the claim states, so a changed figure is not explained by adding up two unrelated numbers
 * of a long source.
 */
export function derivedQuantities(
  claim: readonly Quantity[],
  missing: readonly Quantity[],
  evidence: readonly Quantity[],
  question: readonly Quantity[],
  yearly = false,
): Set<Quantity> {
  const derived = new Set<Quantity>();
  const stated = claim.filter((q) => !missing.includes(q));
  const known = [...evidence, ...stated];
  const near = [...stated];
  const counts = [...claim, ...question].filter(
    (q) => unitOf(q) === '' || / (?:mo|y)$/.test(q.key) || q.key.startsWith('dur:'),
  );
  // "£1.50 a month ... £18 a year": a year's worth is twelve months' without saying twelve.
  if (yearly) counts.push({ raw: 'a year', key: '12', value: '12' });
  // Twice, so that a figure worked out from another ($118 from $708) is found too.
  for (let round = 0; round < 2; round++) {
    for (const q of missing) {
      if (derived.has(q) || !follows(q, known, near, counts)) continue;
      derived.add(q);
      known.push(q);
      near.push(q);
    }
  }
  return derived;
}

function follows(
  q: Quantity,
  known: readonly Quantity[],
  near: readonly Quantity[],
  counts: readonly Quantity[],
): boolean {
  const unit = unitOf(q);
  const r = amount(q);
  // A bare number (a count, a list's step) has too many ways to come out of a source's other numbers.
  if (unit === '' || Number.isNaN(r) || q.key.startsWith('date:')) return false;
  const close = (x: number) => Math.abs(x - r) <= Math.max(0.005, 0.5 * 10 ** -decimals(q.value));
  const alike = known.filter((a) => a !== q && unitOf(a) === unit && !Number.isNaN(amount(a)));
  for (const a of alike) {
    const x = amount(a);
    for (const m of counts) {
      const n = Number(m.value);
      if (m === q || !(n > 1)) continue;
      if (close(x * n) || close(x / n)) return true;
    }
    if (unit !== '%')
      for (const p of known)
        if (unitOf(p) === '%' && (close((x * Number(p.value)) / 100) || close(x * (1 - Number(p.value) / 100))))
          return true;
  }
  // Sums and differences of money or data; durations add up by coincidence too often ("7 days" and "10 days").
  if (unit === '%' || unit === 'dur' || / (?:mo|y)$/.test(q.key)) return false;
  const fromClaim = alike.filter((a) => near.includes(a));
  return fromClaim.some((a) =>
    alike.some((b) => b !== a && (close(amount(a) + amount(b)) || close(Math.abs(amount(a) - amount(b))))),
  );
}

/** The unit a quantity's key carries: 'usd', 'gb', 'dur' for durations in seconds, '' for a bare number. */
function unitOf(q: Quantity): string {
  if (q.key.startsWith('dur:')) return 'dur';
  const space = q.key.indexOf(' ');
  return space === -1 ? '' : q.key.slice(space + 1);
}

function amount(q: Quantity): number {
  return q.key.startsWith('dur:') ? Number(q.key.slice(4)) : Number(q.value);
}

function decimals(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}
