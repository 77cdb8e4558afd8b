import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The README's first command, exactly as a new user types it, on whichever Node.js runs the
// suite (CI runs it on 20 and 24): bootstrap, the default local embedder indexing the sample,
// the API with the demo page, and a cited answer to a question from the sample.
describe(`npm start on Node.js ${process.versions.node}`, () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('indexes the sample, serves the demo page and answers with citations', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    // Always the embedded database: that is what the README's start command uses.
    const { TEST_DATABASE_URL: _server, DATABASE_URL: _url, ...env } = process.env;
    child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...env, PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const listening = new Promise<string>((resolve, reject) => {
      const onData = (data: Buffer) => {
        output += data.toString();
        const url = /"url":"(http:\/\/[^"]+)".*"msg":"server.listening"/.exec(output)?.[1];
        if (url) resolve(url);
      };
      child?.stdout?.on('data', onData);
      child?.stderr?.on('data', onData);
      child?.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    const url = await listening;

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/widget.js"');

    const key = (await readFile(join(dataDir, 'first-api-key'), 'utf8')).trim();
    const response = await fetch(`${url}/v1/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How long does a refund take to reach the card?' }),
    });
    expect(response.status, output).toBe(200);
    const answer = (await response.json()) as { answer: string; citations: { title: string }[] };
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.answer).toMatch(/\[\d+\]/);
  }, 240_000);
});
