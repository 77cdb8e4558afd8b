/** The closed set of failures a caller is meant to see; each door maps them to its own status. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'payload_too_large';

/**
 * A failure the caller should see, with a message that names what was wrong.
 * @example throw new AppError('invalid_input', 'k: expected an integer from 1 to 100');
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  /** Structured detail a caller can act on, such as every invalid field. */
  readonly details: unknown;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
}

/** True for an AppError, also one thrown by another copy of this module. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && 'code' in error;
}

/** A validation failure's first issue as `field: problem` (or `whole: problem` at the top level). */
export function describeFirstIssue(issues: readonly { path: PropertyKey[]; message: string }[], whole: string): string {
  const issue = issues[0];
  return `${issue?.path.map(String).join('.') || whole}: ${issue?.message ?? 'invalid'}`;
}
