import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminSessionStore } from './admin-sessions.js';
import { createApiKeyStore } from './key-store.js';

describe('admin sessions', () => {
  let db: Database;
  let clock = Date.parse('2026-12-02T08:00:00Z');
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('lasts until it expires, then is refused', async () => {
    const keys = createApiKeyStore(db.pool);
    const { key } = await keys.create({ name: 'admin', scopes: ['admin'], audience: 'agent' });
    const sessions = createAdminSessionStore(db.pool, keys, { ttlMs: 60_000, now: () => clock });
    const { token, expiresAt } = await sessions.signIn(key);
    expect(expiresAt.toISOString()).toBe('2026-12-02T08:01:00.000Z');
    expect(await sessions.verify(token)).toMatchObject({ expiresAt });
    clock += 60_001;
    expect(await sessions.verify(token)).toBeUndefined();
  });

  it('is opened only by a live key with the admin scope', async () => {
    const keys = createApiKeyStore(db.pool);
    const sessions = createAdminSessionStore(db.pool, keys);
    const search = await keys.create({ name: 'search', scopes: ['search'], audience: 'agent' });
    await expect(sessions.signIn(search.key)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sessions.signIn('sc_unknown')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await sessions.verify('ses_unknown')).toBeUndefined();
    expect(await sessions.verify('not-a-token')).toBeUndefined();
  });
});
