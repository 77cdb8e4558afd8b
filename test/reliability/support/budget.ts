/**
 * The one switch between the full reliability suite and the short one CI runs on every change.
 * `pnpm test:reliability --short` (or RELIABILITY_SHORT=1) selects the short budget: every scenario
 * still runs, with fewer seconds, clients or generated cases, so the whole suite stays under 5 minutes.
 */
export const short: boolean = /^(1|true|yes)$/i.test(process.env.RELIABILITY_SHORT ?? '');

/**
 * Picks the full or the short budget for one knob of a scenario.
 * @example const seconds = cases(60, 10); const runs = cases(10_000, 1_000);
 */
export function cases<T>(full: T, short_: T): T {
  return short ? short_ : full;
}
