import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyStore } from './key-store.js';

describe('ApiKeyStore.takeRequest', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const newKey = async () =>
    (await createApiKeyStore(db.pool).create({ name: 'k', scopes: ['search'], audience: 'agent' })).record.id;

  it('holds one limit per key across two stores on one database, as two API processes have', async () => {
    const id = await newKey();
    const [first, second] = [createApiKeyStore(db.pool), createApiKeyStore(db.pool)];
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second).takeRequest(id, 8)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(8);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('does not count refused requests, and leaves other keys alone', async () => {
    const [busy, quiet] = [await newKey(), await newKey()];
    const store = createApiKeyStore(db.pool);
    for (let i = 0; i < 10; i++) await store.takeRequest(busy, 3);
    const { rows } = await db.pool.query<{ count: number }>(
      'SELECT count FROM api_key_rate_windows WHERE key_id = $1::uuid',
      [busy],
    );
    expect(rows[0]?.count).toBe(3);
    expect(await store.takeRequest(quiet, 3)).toEqual({ allowed: true });
  });
});
