import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiKeyRecord } from '@support/api-keys';
import type { Logger } from 'pino';

/** Who is calling: the key's id, audience, scopes and allowed browser origins. */
export type Caller = Pick<ApiKeyRecord, 'id' | 'audience' | 'scopes' | 'allowedOrigins'>;

/**
 * Per-request variables every handler can read; `caller` is set on routes behind a key. In a
 * module of their own so that app.ts, the middleware and the routes all import them without
 * importing each other.
 */
export type ApiEnv = { Variables: { requestId: string; log: Logger; caller: Caller } };
export type ApiApp = OpenAPIHono<ApiEnv>;
