import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '@support/db';
import { AppError, describeFirstIssue } from '@support/db';
import { z } from 'zod';
import {
  type ApiKeyRecord,
  type ApiScope,
  countLiveApiKeys,
  findApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from './queries/api-keys.js';
import { takeRateWindow } from './queries/rate-windows.js';

/** The scopes a key can carry. */
export const API_SCOPES = ['answer', 'search', 'feedback', 'admin'] as const satisfies readonly ApiScope[];

/** What creating a key takes; validated here so the CLI and any future route share the rules. */
export const NewApiKey = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    scopes: z.array(z.enum(API_SCOPES)).min(1, 'must name at least one scope'),
    audience: z.enum(['agent', 'customer']),
    allowedOrigins: z
      .array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin such as https://help.example.com'))
      .default([]),
  })
  .strict();
export type NewApiKey = z.input<typeof NewApiKey>;

/** API keys: create (the secret is returned once), verify, list, revoke. */
export interface ApiKeyStore {
  create(input: NewApiKey): Promise<{ key: string; record: ApiKeyRecord }>;
  /** The live key a bearer token belongs to, or undefined. */
  verify(token: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string): Promise<boolean>;
  countLive(): Promise<number>;
  /**
   * Counts one request of the key against `perMinute` (a sliding minute), or says when to retry.
   * The count lives in the database, so every API process on it shares one limit per key.
   */
  takeRequest(keyId: string, perMinute: number): Promise<RateDecision>;
}

/** Whether a request fits its key's rate; when not, how long until one would. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const KEY_PREFIX = 'sc_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the key store; `now` throttles last-used updates to one a minute per key. */
export function createApiKeyStore(db: Queryable, now: () => number = Date.now): ApiKeyStore {
  const lastTouched = new Map<string, number>();
  return {
    async create(input) {
      const parsed = NewApiKey.safeParse(input);
      if (!parsed.success) {
        throw new AppError('invalid_input', describeFirstIssue(parsed.error.issues, 'key'));
      }
      if (parsed.data.audience === 'customer' && parsed.data.scopes.includes('admin'))
        throw new AppError('invalid_input', 'scopes: a customer key cannot have the admin scope');
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record = await insertApiKey(db, {
        ...parsed.data,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashKey(key),
      });
      return { key, record };
    },
    async verify(token) {
      if (!token.startsWith(KEY_PREFIX) || token.length > 200) return undefined;
      const record = await findApiKeyByHash(db, hashKey(token));
      if (record !== undefined && now() - (lastTouched.get(record.id) ?? 0) > 60_000) {
        lastTouched.set(record.id, now());
        await touchApiKey(db, record.id);
      }
      return record;
    },
    list: () => listApiKeys(db),
    revoke: (id) => (UUID.test(id) ? revokeApiKey(db, id) : Promise.resolve(false)),
    countLive: () => countLiveApiKeys(db),
    async takeRequest(keyId, perMinute) {
      const window = await takeRateWindow(db, keyId, perMinute);
      if (window.allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: secondsUntilRoom(window, perMinute) };
    },
  };
}

// The estimate falls as the previous minute slides out: previous × (1 - t/60) + count < limit.
// With this minute already full, only the next minute has room.
function secondsUntilRoom(w: { count: number; previousCount: number; elapsedSeconds: number }, limit: number): number {
  const toNextWindow = 60 - w.elapsedSeconds;
  const seconds =
    w.count >= limit || w.previousCount === 0
      ? toNextWindow
      : Math.min(toNextWindow, 60 * (1 - (limit - w.count) / w.previousCount) - w.elapsedSeconds);
  return Math.max(1, Math.ceil(seconds));
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
