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
    const allowed = decisions.filter((d) => d.allowed).length;
    // A minute boundary falling midway lets one more through (the full previous minute starts sliding out).
    expect(allowed).toBeGreaterThanOrEqual(8);
    expect(allowed).toBeLessThanOrEqual(9);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('does not count refused requests, and leaves other keys alone', async () => {
    const [busy, quiet] = [await newKey(), await newKey()];
    const store = createApiKeyStore(db.pool);
    let allowed = 0;
    for (let i = 0; i < 10; i++) if ((await store.takeRequest(busy, 3)).allowed) allowed += 1;
    const { rows } = await db.pool.query<{ counted: number }>(
      'SELECT count + previous_count AS counted FROM api_key_rate_windows WHERE key_id = $1::uuid',
      [busy],
    );
    expect(allowed).toBeLessThanOrEqual(4);
    // Only the requests let through were counted, so a client retrying too fast is not locked out.
    expect(rows[0]?.counted).toBe(allowed);
    expect(await store.takeRequest(quiet, 3)).toEqual({ allowed: true });
  });
});
