import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKb } from './run-cli.js';

// The CLI against a real database: a scratch one on the server when TEST_DATABASE_URL is set,
// else an embedded data folder of its own.
describe('pnpm kb', () => {
  let dir: string;
  let kbDir: string;
  let server: Database | undefined;
  let env: Record<string, string>;
  const kb = (...args: string[]) => runKb(args, env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-cli-'));
    kbDir = join(dir, 'articles');
    await mkdir(join(kbDir, 'billing'), { recursive: true });
    await writeFile(
      join(kbDir, 'billing', 'refunds.md'),
      '---\ntitle: Refund policy\nurl: https://help.example.com/refunds\ntags: [billing]\n---\n\nRefunds reach your card in 5 to 10 business days.\n',
    );
    await writeFile(join(kbDir, 'shipping.md'), '# Shipping times\n\nStandard shipping takes 3 to 5 business days.\n');
    await writeFile(
      join(kbDir, 'playbook.md'),
      '---\ntitle: Escalations\nvisibility: internal\n---\n\nRefunds over 500 dollars need a team lead.\n',
    );
    await writeFile(join(kbDir, 'broken.json'), '{"articles": [');
    await writeFile(join(kbDir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const serverUrl = process.env.TEST_DATABASE_URL;
    server = serverUrl ? await openScratchDatabase({ serverUrl }) : undefined;
    env = {
      EMBEDDING_PROVIDER: 'hashing',
      DATA_DIR: join(dir, 'data'),
      ...(server?.url ? { DATABASE_URL: server.url } : {}),
    };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes a folder, reports each bad file with its reason and exits non-zero', async () => {
    const result = await kb('index', kbDir, '--source', 'help');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`failed: ${join(kbDir, 'broken.json')}: invalid JSON`);
    expect(result.stdout).toContain(`failed: ${join(kbDir, 'logo.png')}: unknown extension .png`);
    expect(result.stdout).toMatch(/help: added 3, updated 0, unchanged 0, deleted 0, failed 2 in [\d.]+ s/);
    expect(result.stderr).toMatch(/3\/5 articles/);
  }, 120_000);

  it('prints search hits as JSON, public and internal by default', async () => {
    const result = await kb('search', 'how long until my refund arrives', '--k', '2', '--json');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(hits[0]).toMatchObject({
      articleId: 'billing/refunds.md',
      title: 'Refund policy',
      url: 'https://help.example.com/refunds',
    });
    expect(hits[0]).toHaveProperty('score');
    expect(hits[0]).toHaveProperty('text');
    const publicOnly = await kb('search', 'refunds over 500 team lead', '--visibility', 'public', '--json');
    expect((JSON.parse(publicOnly.stdout) as { articleId: string }[]).map((h) => h.articleId)).not.toContain(
      'playbook.md',
    );
  }, 60_000);

  it('re-indexes nothing unchanged, and a full sync deletes what vanished', async () => {
    await rm(join(kbDir, 'broken.json'));
    await rm(join(kbDir, 'logo.png'));
    await rm(join(kbDir, 'shipping.md'));
    const result = await kb('index', kbDir, '--source', 'help', '--full-sync', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ added: 0, updated: 0, unchanged: 2, deleted: 1, embedded: 0 });
    const stats = JSON.parse((await kb('stats', '--json')).stdout) as { articles: number };
    expect(stats.articles).toBe(2);
  }, 60_000);

  it('deletes one article, and says so when there is none', async () => {
    expect((await kb('delete', 'help', 'playbook.md')).stdout).toBe('deleted help/playbook.md\n');
    const missing = await kb('delete', 'help', 'playbook.md');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found: no article playbook.md in source help');
  }, 60_000);

  it('keeps a source when a full sync finds an empty folder, and empties it only when told to', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kb-empty-'));
    const sync = await kb('index', empty, '--source', 'help', '--full-sync');
    expect(sync.code).toBe(1);
    expect(sync.stdout).toContain('full sync: the run found no articles');
    expect(JSON.parse((await kb('stats', '--json')).stdout)).toMatchObject({ articles: 1 });
    expect((await kb('delete', 'help', '--all')).stdout).toBe('deleted 1 article(s) of source help\n');
    const again = await kb('delete', 'help', '--all');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not found: source help holds no articles');
    await rm(empty, { recursive: true, force: true });
  }, 60_000);

  it('creates an API key once, lists it without its secret, and revokes it', async () => {
    const created = await kb('keys', 'create', '--scopes', 'answer,search', '--audience', 'agent', '--json');
    expect(created.code).toBe(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    expect(key).toMatch(/^sc_[\w-]{40,}$/);
    const listed = await kb('keys', 'list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(key);
    expect((await kb('keys', 'revoke', id)).stdout).toBe(`revoked ${id}\n`);
    const bad = await kb('keys', 'create', '--scopes', 'answer', '--audience', 'robot');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('audience: ');
  }, 60_000);

  it('names a bad variable or argument instead of starting', async () => {
    const badEnv = await runKb(['stats'], { ...env, EMBEDDING_PROVIDER: 'magic' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('EMBEDDING_PROVIDER: expected auto, local, static, openai or hashing');
    const badArg = await kb('search', 'refund', '--mode', 'fuzzy');
    expect(badArg.code).toBe(2);
    expect(badArg.stderr).toContain('--mode: expected hybrid, vector or keyword, got fuzzy');
  }, 60_000);
});

// Always on an embedded data folder: the lock exists only there, whichever database the suite uses.
describe('pnpm kb on an embedded database in use', () => {
  it('refuses to open it, says which process holds it, and opens it once that process is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-lock-'));
    const env = { EMBEDDING_PROVIDER: 'hashing', DATA_DIR: dir };
    try {
      expect((await runKb(['stats'], env)).code).toBe(0);
      // This test process stands in for a running API server holding the data folder.
      await writeFile(join(dir, 'pgdata', 'copilot.lock'), String(process.pid));
      const result = await runKb(['stats'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by process ${process.pid}`);
      // A lock left by a process that no longer runs is stale and does not block.
      await writeFile(join(dir, 'pgdata', 'copilot.lock'), '999999999');
      expect((await runKb(['stats'], env)).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
