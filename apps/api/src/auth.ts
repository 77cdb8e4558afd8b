import type { ApiKeyStore, ApiScope } from '@support/api-keys';
import { AppError } from '@support/db';
import type { Caller } from './api-env.js';

/** What of a request decides who is calling. */
export interface Credentials {
  authorization: string | undefined;
  origin: string | undefined;
  /** X-Copilot-Client: 'widget' when the helpdesk widget calls. */
  client: string | undefined;
}

/**
 * Finds the live API key behind the request and checks it holds `scope`: no or unknown key 401,
 * missing scope 403. A browser call (it carries Origin) is allowed only from an origin the key lists.
 */
export async function authorize(keys: ApiKeyStore, credentials: Credentials, scope: ApiScope): Promise<Caller> {
  const token = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '')?.[1];
  if (token === undefined)
    throw new AppError('unauthorized', 'authorization: expected "Authorization: Bearer <API key>"');
  const key = await keys.verify(token);
  if (key === undefined) throw new AppError('unauthorized', 'authorization: unknown or revoked API key');
  if (!key.scopes.includes(scope))
    throw new AppError('forbidden', `this key lacks the ${scope} scope (it has: ${key.scopes.join(', ')})`);
  // The widget says it is the widget; it shows answers to anyone who opens the page, so an agent
  // key (internal articles) pasted into its snippet by mistake is refused, not served.
  if (credentials.client === 'widget' && key.audience !== 'customer')
    throw new AppError(
      'forbidden',
      'the helpdesk widget takes customer keys only (this one is an agent key); make one with "pnpm kb keys create --scopes answer,feedback --audience customer --origins <site>"',
    );
  // Agent, admin and customer keys alike: a browser page may use a key only from an origin it lists.
  const { origin } = credentials;
  if (origin !== undefined && !key.allowedOrigins.some((allowed) => sameOrigin(allowed, origin)))
    throw new AppError('forbidden', `origin ${origin} is not allowed for this key`);
  return { id: key.id, audience: key.audience, scopes: key.scopes, allowedOrigins: key.allowedOrigins };
}

// Browsers send an origin in lower case and without a default port; a key may list it otherwise
// (https://Help.Example.com:443), which must not lock its own site out.
function sameOrigin(listed: string, sent: string): boolean {
  const canonical = (origin: string) => {
    try {
      return new URL(origin).origin;
    } catch {
      return origin;
    }
  };
  return listed === sent || canonical(listed) === canonical(sent);
}

/** Thrown for a caller over its rate; carries when to retry. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `rate limit exceeded; retry in ${retryAfterSeconds} s`);
  }
}

/** Counts requests per API key. */
export interface RateLimiter {
  /** Takes one request from the key's allowance, or throws RateLimitedError. */
  take(keyId: string): Promise<void>;
}

/**
 * `perMinute` requests a minute per key over a sliding minute, counted in the database, so every
 * API process on one database shares each key's limit.
 */
export function createRateLimiter(keys: ApiKeyStore, perMinute: number): RateLimiter {
  return {
    async take(keyId) {
      const decision = await keys.takeRequest(keyId, perMinute);
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    },
  };
}
