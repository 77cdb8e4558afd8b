import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The README's start path: the API process indexes the bundled sample knowledge base and serves it.
describe('API server started with the sample knowledge base', () => {
  let dir: string;
  let server: Database | undefined;
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-e2e-'));
    const serverUrl = process.env.TEST_DATABASE_URL;
    server = serverUrl ? await openScratchDatabase({ serverUrl }) : undefined;
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', '--sample'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        EMBEDDING_PROVIDER: 'hashing',
        DATA_DIR: dir,
        ...(server?.url ? { DATABASE_URL: server.url } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (data: Buffer) => {
        output += data.toString();
        const match = /"url":"(http:\/\/[^"]+)".*"msg":"server.listening"/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr?.on('data', (data: Buffer) => {
        output += data.toString();
      });
      child.on('exit', (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /healthz, makes a first key, and finds the sample article for a support question', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const key = (await readFile(join(dir, 'first-api-key'), 'utf8')).trim();
    expect((await fetch(`${url}/v1/search`, { method: 'POST' })).status).toBe(401);
    const res = await fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'I forgot my password, how do I reset it?', k: 3 }),
    });
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as { hits: { articleId: string; visibility: string }[] };
    expect(hits[0]?.articleId).toBe('reset-your-password.md');
    expect(hits.every((h) => h.visibility === 'public')).toBe(true);
    const answer = await fetch(`${url}/v1/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How long is a password reset link valid?' }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { citations: { articleId: string }[] }).citations[0]?.articleId).toBe(
      'reset-your-password.md',
    );
  });
});
