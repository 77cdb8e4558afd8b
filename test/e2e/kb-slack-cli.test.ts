import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv } from './api-process.js';
import { runKb } from './run-cli.js';

describe('pnpm kb slack channels', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof childDatabaseEnv>> | undefined;
  let env: Record<string, string>;
  const kb = (...args: string[]) => runKb(['slack', 'channels', ...args], env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-slack-'));
    database = await childDatabaseEnv(join(dir, 'data'));
    env = database.env;
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Each run is a process opening the database, so one test does several steps.
  it('sets and lists a channel, and names a bad value', async () => {
    const set = await kb('set', 'C0BILLING', '--mention-only', 'true', '--tags', 'billing,refunds', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      channelId: 'C0BILLING',
      enabled: true,
      mentionOnly: true,
      tags: ['billing', 'refunds'],
      sources: [],
      ephemeral: false,
    });
    const listed = await kb('list');
    expect(listed.stdout).toContain('C0BILLING  enabled  mention-only  visible  tags: billing,refunds  sources: all');
    const bad = await kb('set', 'C0BILLING', '--enabled', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--enabled: expected true or false, got maybe');
  }, 400_000);
});
