import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startListeningProcess } from './api-process.js';

// The README's first command, exactly as a new user types it, on whichever Node.js runs the
// suite (CI runs it on 20 and 24): bootstrap, the default local embedder indexing the sample,
// the API with the demo page, and a cited answer to a question from the sample.
describe(`npm start on Node.js ${process.versions.node}`, () => {
  let api: ApiProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await api?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('indexes the sample, serves the demo page and answers with citations', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    // Always the embedded database: that is what the README's start command uses.
    const { TEST_DATABASE_URL: _server, DATABASE_URL: _url, ...env } = process.env;
    api = await startListeningProcess('npm', ['start', '--silent'], { ...env, PORT: '0', DATA_DIR: dataDir });
    // The demo key is made once the server knows its port; the banner that names the page follows it.
    await api.waitFor(/Demo help center with the widget: /);

    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/widget.js"');

    const key = (await readFile(join(dataDir, 'first-api-key'), 'utf8')).trim();
    const response = await fetch(`${api.url}/v1/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How long does a refund take to reach the card?' }),
    });
    expect(response.status, api.output()).toBe(200);
    const answer = (await response.json()) as { text: string; citations: { title: string }[] };
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.text).toMatch(/\[\d+\]/);
  }, 240_000);
});
