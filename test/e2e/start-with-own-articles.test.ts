import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, childDatabaseEnv, startApiProcess } from './api-process.js';
import { runKb } from './run-cli.js';

// The README's path for a team with its own articles: index them, then `npm start`
// (main.ts --sample --demo). The sample shop must not join their knowledge base.
describe('npm start on a knowledge base that already holds articles', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof childDatabaseEnv>>;
  let env: Record<string, string>;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'start-own-'));
    database = await childDatabaseEnv(join(dir, 'data'));
    env = database.env;
    await mkdir(join(dir, 'articles'));
    await writeFile(
      join(dir, 'articles', 'refunds.md'),
      '# Our refund policy\n\nWe refund to the original card within 3 business days.\n',
    );
    const indexed = await runKb(['index', join(dir, 'articles'), '--source', 'ours'], env);
    expect(indexed.code, indexed.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('does not index the sample, says why, and still serves the demo page with its widget', async () => {
    api = await startApiProcess(['--sample', '--demo'], env);
    await api.waitFor(/API reference/);
    expect(api.output()).toContain(
      'the sample was not indexed, because the knowledge base holds other articles (ours: 1)',
    );
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    const demoKey = (await readFile(join(dir, 'data', 'demo-widget-key'), 'utf8')).trim();
    expect(await page.text()).toContain(`<script src="/widget.js" data-api-key="${demoKey}"`);
    const script = await fetch(`${api.url}/widget.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('support-copilot');
    await api.stop();

    const stats = await runKb(['stats', '--json'], env);
    const { sources } = JSON.parse(stats.stdout) as { sources: { source: string; articles: number }[] };
    expect(sources).toEqual([{ source: 'ours', articles: 1, internal: 0, lastUpdatedAt: expect.any(String) }]);
  }, 300_000);
});
