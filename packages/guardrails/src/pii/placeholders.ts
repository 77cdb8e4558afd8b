import { PII_TYPES } from './types.js';

/** The type used to escape placeholder-looking text that was already in the input. */
export const LITERAL_TYPE = 'LITERAL';

const OPEN = String.raw`(?:<<|\[\[|\{\{|[<[{(])`;
const CLOSE = String.raw`(?:>>|\]\]|\}\}|[>\])}])`;

/** Builds a regex matching `TYPE_n` for the given types, bare or in (doubled) brackets. */
export function placeholderPattern(types: Iterable<string>): RegExp {
  const names = [...new Set(types)].filter((t) => /^[A-Z][A-Z0-9_]*$/.test(t)).sort((a, b) => b.length - a.length);
  return new RegExp(
    String.raw`(?:${OPEN} ?)?(?<![A-Za-z0-9_])(${names.join('|')})_(\d+)(?![A-Za-z0-9_])(?: ?${CLOSE})?`,
    'g',
  );
}

/** Every type a placeholder may carry: the built-in ones, LITERAL, and any extra names. */
export function placeholderTypes(extra: Iterable<string> = []): string[] {
  return [...PII_TYPES, LITERAL_TYPE, ...extra];
}

/** The canonical placeholder text for a type and number, e.g. <EMAIL_1>. */
export function formatPlaceholder(type: string, n: number): string {
  return `<${type}_${n}>`;
}
