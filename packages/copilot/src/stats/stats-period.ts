import { AppError } from '@support/db';

/** How the series is cut: per UTC day, or per ISO week (Monday to Sunday, UTC). */
export type StatsBucket = 'day' | 'week';

/** The period the statistics cover, as a caller may give it (ISO dates or date-times, all optional). */
export interface StatsPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: StatsBucket | undefined;
}

/** A checked period: [from, to) in UTC. */
export interface StatsPeriod {
  from: Date;
  to: Date;
  bucket: StatsBucket;
}

const DAY_MS = 86_400_000;
/** The period when none is given: the last 30 days. */
export const DEFAULT_PERIOD_DAYS = 30;
/** A longer period would make a daily series of thousands of points: ask for weeks in pieces. */
export const MAX_PERIOD_DAYS = 366;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a period and fills in its defaults: `to` now, `from` 30 days before `to`, daily buckets.
 * A date-only `to` includes that whole day (2026-12-01 means up to the end of 1 December, UTC).
 * Throws `invalid_input` naming the field that is wrong.
 */
export function resolveStatsPeriod(input: StatsPeriodInput, now: Date): StatsPeriod {
  const to = input.to === undefined ? now : parseInstant('to', input.to, true);
  const from =
    input.from === undefined ? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : parseInstant('from', input.from);
  if (from.getTime() >= to.getTime())
    throw new AppError(
      'invalid_input',
      `from: must be before to (${from.toISOString()} is not before ${to.toISOString()})`,
    );
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    throw new AppError('invalid_input', `to: the period may be at most ${MAX_PERIOD_DAYS} days long`);
  const bucket = input.bucket ?? 'day';
  if (bucket !== 'day' && bucket !== 'week')
    throw new AppError('invalid_input', `bucket: expected "day" or "week", got "${String(bucket)}"`);
  return { from, to, bucket };
}

function parseInstant(field: string, value: string, endOfDay = false): Date {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  // Date.parse rolls 2026-02-30 over to March; a date that does not print back as given is wrong.
  if (Number.isNaN(ms) || (DATE_ONLY.test(value) && new Date(ms).toISOString().slice(0, 10) !== value))
    throw new AppError(
      'invalid_input',
      `${field}: "${value}" is not a date (2026-12-01) or a date-time (2026-12-01T09:00:00Z)`,
    );
  return new Date(DATE_ONLY.test(value) && endOfDay ? ms + DAY_MS : ms);
}

/** The period's length in days (fractional), for the cost per day. */
export function periodDays(period: StatsPeriod): number {
  return (period.to.getTime() - period.from.getTime()) / DAY_MS;
}
