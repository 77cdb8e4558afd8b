import { AppError } from '@support/db';
import type { z } from 'zod';
import { assertStorable } from './storable-input.js';

/** The media type of newline-delimited JSON bodies. */
export const NDJSON = 'application/x-ndjson';
// Enough lines to fix a file in one round; the rest are counted.
const MAX_REPORTED = 20;

/** True when the request declares an NDJSON body. */
export function isNdjson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === NDJSON;
}

/**
 * Parses an NDJSON body, one `schema` value per non-blank line. Every bad line is reported in one
 * `invalid_input` error, each by its 1-based line number and field, so a file can be fixed in one go.
 * @example parseNdjson('{"a":1}\n{"a":"x"}', z.object({ a: z.number() })) // throws "line 2: a: ..."
 */
export function parseNdjson<S extends z.ZodType>(text: string, schema: S, maxItems: number): z.infer<S>[] {
  const values: z.infer<S>[] = [];
  const problems: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const problem = parseLine(line, schema, (value) => values.push(value));
    if (problem !== undefined) problems.push(`line ${index + 1}: ${problem}`);
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_REPORTED ? `; and ${problems.length - MAX_REPORTED} more bad lines` : '';
    throw new AppError('invalid_input', `${problems.slice(0, MAX_REPORTED).join('; ')}${more}`);
  }
  if (values.length === 0) throw new AppError('invalid_input', 'body: no NDJSON lines');
  if (values.length > maxItems)
    throw new AppError('invalid_input', `body: ${values.length} lines, more than the ${maxItems} allowed`);
  return values;
}

function parseLine<S extends z.ZodType>(
  line: string,
  schema: S,
  accept: (value: z.infer<S>) => void,
): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return `invalid JSON (${(error as Error).message})`;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.map(String).join('.') || 'value'}: ${issue?.message ?? 'invalid'}`;
  }
  try {
    assertStorable(parsed.data, 'value');
  } catch (error) {
    return (error as Error).message;
  }
  accept(parsed.data);
  return undefined;
}
