import { createHash } from 'node:crypto';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiKeyStore, createApiKeyStore } from './index.js';

describe('API keys', () => {
  let db: Database;
  let keys: ApiKeyStore;
  beforeAll(async () => {
    db = await openTestDatabase();
    keys = createApiKeyStore(db.pool);
  });
  afterAll(() => db.close());

  it('are sc_ plus 32 random bytes (base64url), shown once, with a short prefix to tell them apart', async () => {
    const a = await keys.create({ name: 'a', scopes: ['answer'], audience: 'agent' });
    const b = await keys.create({ name: 'b', scopes: ['answer'], audience: 'agent' });
    expect(a.key).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);
    expect(b.key).not.toBe(a.key);
    expect(a.record.prefix).toBe(a.key.slice(0, 9));
    expect(JSON.stringify(a.record)).not.toContain(a.key);
  });

  it('are stored as their SHA-256 only: no column holds the key', async () => {
    const { key, record } = await keys.create({ name: 'stored', scopes: ['search'], audience: 'customer' });
    const { rows } = await db.pool.query('SELECT * FROM api_keys WHERE id = $1::uuid', [record.id]);
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(9));
  });

  it('verify the exact key only: a wrong key sharing its prefix, a truncated or padded one, or another shape is refused', async () => {
    const { key, record } = await keys.create({ name: 'verify', scopes: ['answer', 'feedback'], audience: 'agent' });
    expect((await keys.verify(key))?.id).toBe(record.id);
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    for (const wrong of [
      `${key.slice(0, -1)}${last}`,
      `${record.prefix}${'A'.repeat(key.length - record.prefix.length)}`,
      key.slice(0, -1),
      `${key}x`,
      key.toUpperCase(),
      key.slice(3),
      `sc_${'x'.repeat(300)}`,
      '',
    ])
      expect(await keys.verify(wrong), wrong).toBeUndefined();
  });

  it('stop verifying once revoked; revoking an unknown or malformed id is false, not an error', async () => {
    const { key, record } = await keys.create({ name: 'revoke', scopes: ['answer'], audience: 'agent' });
    expect(await keys.revoke(record.id)).toBe(true);
    expect(await keys.verify(key)).toBeUndefined();
    expect(await keys.revoke(record.id)).toBe(false);
    expect(await keys.revoke("x' OR '1'='1")).toBe(false);
  });

  it('carry only known scopes, at least one, and never admin on a customer key', async () => {
    const refused = [
      [{ name: 'x', scopes: [], audience: 'agent' }, 'scopes: must name at least one scope'],
      [{ name: 'x', scopes: ['answer', 'root'], audience: 'agent' }, 'scopes.1'],
      [{ name: 'x', scopes: ['answer', 'admin'], audience: 'customer' }, 'a customer key cannot have the admin scope'],
      [{ name: 'x', scopes: ['answer'], audience: 'everyone' }, 'audience'],
      [{ name: ' ', scopes: ['answer'], audience: 'agent' }, 'name: must not be empty'],
      [
        { name: 'x', scopes: ['answer'], audience: 'customer', allowedOrigins: ['help.example.com'] },
        'must be an origin',
      ],
    ] as const;
    for (const [input, message] of refused)
      await expect(keys.create(input as never), JSON.stringify(input)).rejects.toThrow(message);
    const { record } = await keys.create({
      name: 'widget',
      scopes: ['answer', 'feedback'],
      audience: 'customer',
      allowedOrigins: ['https://help.example.com'],
    });
    expect(record).toMatchObject({ scopes: ['answer', 'feedback'], audience: 'customer' });
  });
});
