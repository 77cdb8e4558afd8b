import { z } from '@hono/zod-openapi';
import { AppError, describeFirstIssue, type ErrorCode, isAppError, isDatabaseUnavailable } from '@support/db';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiEnv } from './api-env.js';
import { RateLimitedError } from './auth.js';

// A new ErrorCode without a status here fails to compile.
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_unavailable: 503,
  payload_too_large: 413,
};

// How long a client should wait when the database is unreachable: a restart takes a few seconds.
const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The body of every error response. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string().openapi({ example: 'query: must not be empty' }),
      details: z.unknown().optional().openapi({ description: 'for invalid_input: every invalid field' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

const json = { 'application/json': { schema: ErrorBody } };
/** The 404 a route that looks something up documents. */
export const notFoundResponse = {
  404: { description: 'No such thing (or not visible to this caller)', content: json },
} as const;

/** Error responses every route documents. */
export const errorResponses = {
  400: { description: 'The request is invalid; the message names the field', content: json },
  401: { description: 'No API key, or an unknown or revoked one', content: json },
  403: { description: 'The key lacks the scope, or the origin is not allowed for it', content: json },
  413: { description: 'The body is larger than the limit', content: json },
  429: { description: 'Over the per-key rate limit; see Retry-After', content: json },
  503: { description: 'The database is unavailable for now; see Retry-After', content: json },
  500: { description: 'An unexpected failure; the requestId finds it in the logs', content: json },
} as const;

/** The only place an error becomes an HTTP response. */
export function toErrorResponse(error: Error, c: Context<ApiEnv>): Response {
  const requestId = c.var.requestId ?? 'unknown';
  if (isAppError(error)) {
    if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
    const details = error.details === undefined ? {} : { details: error.details };
    return c.json({ error: { code: error.code, message: error.message, ...details, requestId } }, STATUS[error.code]);
  }
  // The database is down or restarting: the client should retry shortly, and nothing was half done
  // (every write is one statement or one transaction).
  if (isDatabaseUnavailable(error)) {
    c.var.log?.warn({ err: error }, 'request.database_unavailable');
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(
      { error: { code: 'upstream_unavailable', message: 'the database is unavailable; retry shortly', requestId } },
      503,
    );
  }
  // Hono's own 4xx (malformed JSON, wrong content type, body too large) keep their status.
  if (error instanceof HTTPException && error.status < 500) {
    const message =
      error.status === 415 ? 'body: expected Content-Type: application/json' : `body: ${error.message.toLowerCase()}`;
    return c.json({ error: { code: 'invalid_input', message, requestId } }, error.status);
  }
  c.var.log?.error({ err: error }, 'request.failed');
  return c.json({ error: { code: 'internal', message: 'internal error', requestId } }, 500);
}

/** Turns a zod failure into the invalid_input error, naming the first bad field. */
export function invalidInput(issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const details = issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
  return new AppError('invalid_input', describeFirstIssue(issues, 'body'), { details });
}
