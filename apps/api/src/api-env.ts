import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiKeyRecord } from '@support/api-keys';
import type { Logger } from 'pino';

/** Who is calling: the key's id, audience, scopes and allowed browser origins. */
export type Caller = Pick<ApiKeyRecord, 'id' | 'audience' | 'scopes' | 'allowedOrigins'>;

/**
 * Per-request variables every handler can read; `caller` is set on routes behind a key,
 * `adminSession` on dashboard pages behind a session. In a
 * module of their own so that app.ts, the middleware and the routes all import them without
 * importing each other.
 */
export type ApiEnv = {
  Variables: { requestId: string; log: Logger; caller: Caller; adminSession: AdminSession };
};

/** A signed-in dashboard session (set on routes whose access is `{ session: 'admin' }`). */
export interface AdminSession {
  token: string;
  keyId: string;
}
export type ApiApp = OpenAPIHono<ApiEnv>;
