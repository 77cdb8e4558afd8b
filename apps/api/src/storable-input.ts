import { AppError } from '@support/db';

// Postgres text and jsonb cannot hold U+0000, and a value nested thousands deep overflows the
// stack of whatever serialises it next (JSON.stringify for a jsonb payload); both used to end as
// a 500 after the input had passed its schema. No field of ours needs either.
const MAX_DEPTH = 32;

/**
 * Throws invalid_input naming the first field of `value` (validated input of `target`: json,
 * param, query) that holds a NUL character or nests deeper than 32 levels.
 * @example assertStorable({ externalId: 'a\u0000' }, 'param') // throws "externalId: must not contain ..."
 */
export function assertStorable(value: unknown, target: string): void {
  // Iterative, not recursive: the input may be nested deeply enough to overflow a recursive walk.
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] };
    const field = () => path.join('.') || (target === 'json' ? 'body' : target);
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        throw new AppError('invalid_input', `${field()}: must not contain a NUL character (U+0000)`);
    } else if (typeof current === 'object' && current !== null) {
      if (path.length >= MAX_DEPTH)
        throw new AppError('invalid_input', `${field()}: nested deeper than ${MAX_DEPTH} levels`);
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000'))
          throw new AppError('invalid_input', `${field()}: a key must not contain a NUL character (U+0000)`);
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
}
