import { AppError } from '@support/db';

// Postgres text and jsonb cannot hold U+0000, jsonb refuses an unpaired UTF-16 surrogate (JSON
// lets "\udfff" through; it is not Unicode), and a value nested thousands deep overflows the stack
// of whatever serialises it next (JSON.stringify for a jsonb payload); all used to end as a 500
// after the input had passed its schema. No field of ours needs any of them.
const MAX_DEPTH = 32;
// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * Throws invalid_input naming the first field of `value` (validated input of `target`: json,
 * param, query) that holds a NUL character or an unpaired surrogate, or nests deeper than 32 levels.
 * @example assertStorable({ externalId: 'a\u0000' }, 'param') // throws "externalId: must not contain ..."
 */
export function assertStorable(value: unknown, target: string): void {
  // Iterative, not recursive: the input may be nested deeply enough to overflow a recursive walk.
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] };
    const field = () => path.join('.') || (target === 'json' ? 'body' : target);
    if (typeof current === 'string') {
      const problem = unstorable(current);
      if (problem !== null) throw new AppError('invalid_input', `${field()}: ${problem}`);
    } else if (typeof current === 'object' && current !== null) {
      if (path.length >= MAX_DEPTH)
        throw new AppError('invalid_input', `${field()}: nested deeper than ${MAX_DEPTH} levels`);
      for (const [key, child] of Object.entries(current)) {
        const problem = unstorable(key);
        if (problem !== null) throw new AppError('invalid_input', `${field()}: a key ${problem}`);
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
}
