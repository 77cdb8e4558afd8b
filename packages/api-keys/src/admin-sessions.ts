import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Queryable } from '@support/db';
import type { ApiKeyStore } from './key-store.js';
import { deleteAdminSession, findAdminSession, insertAdminSession } from './queries/admin-sessions.js';

/** Dashboard sessions: an admin key in, an opaque session token out. */
export interface AdminSessionStore {
  /**
   * Exchanges an admin API key for a new session token (shown once; only its hash is stored).
   * An unknown or revoked key is `unauthorized`; a key without the admin scope is `forbidden`.
   */
  signIn(apiKey: string): Promise<{ token: string; keyId: string; expiresAt: Date }>;
  /** The key behind a live session token, or undefined (unknown, expired, signed out, key revoked). */
  verify(token: string): Promise<{ keyId: string; expiresAt: Date } | undefined>;
  /** Ends a session for good: the token is refused from now on. */
  signOut(token: string): Promise<void>;
}

/** How long a dashboard session lasts when not signed out: a working day. */
export const ADMIN_SESSION_TTL_MS = 8 * 3_600_000;
const TOKEN_PREFIX = 'ses_';

/**
 * Builds the session store on the keys it checks against.
 * @example const sessions = createAdminSessionStore(pool, createApiKeyStore(pool));
 */
export function createAdminSessionStore(
  db: Queryable,
  keys: Pick<ApiKeyStore, 'verify'>,
  options: { ttlMs?: number; now?: () => number } = {},
): AdminSessionStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? ADMIN_SESSION_TTL_MS;
  return {
    async signIn(apiKey) {
      const key = await keys.verify(apiKey.trim());
      if (key === undefined) throw new AppError('unauthorized', 'key: unknown or revoked API key');
      if (!key.scopes.includes('admin'))
        throw new AppError(
          'forbidden',
          `key: the dashboard needs a key with the admin scope (this one has: ${key.scopes.join(', ')})`,
        );
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(now() + ttlMs);
      await insertAdminSession(db, { tokenHash: hashToken(token), keyId: key.id, expiresAt }, new Date(now()));
      return { token, keyId: key.id, expiresAt };
    },
    async verify(token) {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
      return findAdminSession(db, hashToken(token), new Date(now()));
    },
    async signOut(token) {
      if (token.startsWith(TOKEN_PREFIX)) await deleteAdminSession(db, hashToken(token));
    },
  };
}

// 32 random bytes: a fast hash is enough (nothing to brute-force), as for the API keys.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
