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

// Node socket errors when the server is down or goes away, and PostgreSQL's SQLSTATE classes for it:
// 08 connection exceptions, 57P01-57P03 shutdown / crash / cannot connect now, 53300 too many connections.
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when `error` says the database cannot be reached right now (down, restarting, connection
 * lost), rather than that a statement was wrong: the caller should retry later, not report a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
