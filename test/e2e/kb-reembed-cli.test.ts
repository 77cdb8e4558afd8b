import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, runKb } from './run-cli.js';

// `pnpm kb reembed` moving a knowledge base from the hashing embedder to the static one (both
// offline), against a scratch server database when TEST_DATABASE_URL is set, else a data folder.
describe('pnpm kb reembed', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof openCliDatabase>>;
  let env: Record<string, string>;
  const kb = (...args: string[]) => runKb(args, env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-reembed-'));
    const articles = join(dir, 'articles');
    await mkdir(articles);
    await writeFile(join(articles, 'refunds.md'), '# Refunds\n\nRefunds reach your card in 5 to 10 business days.\n');
    await writeFile(join(articles, 'shipping.md'), '# Shipping\n\nStandard shipping takes 3 to 5 business days.\n');
    database = await openCliDatabase(dir);
    env = database.env;
    expect((await kb('index', articles, '--source', 'help')).code).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a model name it does not know, and changes nothing', async () => {
    const result = await kb('reembed', '--model', 'statik');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--model/--switch: expected local, static, hashing or openai, got "statik"');
    expect((await kb('reembed', '--status')).stdout).toBe('* hashing:256 (256 dimensions): 2/2 chunk texts, active\n');
  }, 240_000);

  it('fills a new model beside the active one, switches to it, then drops the old vectors', async () => {
    const filled = await kb('reembed', '--model', 'static');
    expect(filled.code).toBe(0);
    expect(filled.stderr).toContain('2/2 chunk texts embedded');
    expect(filled.stdout).toContain('* hashing:256 (256 dimensions): 2/2 chunk texts, active\n');
    expect(filled.stdout).toContain('  static:use-lite-m2v-256 (256 dimensions): 2/2 chunk texts\n');

    const switched = await kb('reembed', '--switch', 'static');
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain('switched: searches now read static');
    expect(switched.stdout).toContain('restart the API and bots with EMBEDDING_PROVIDER=static');

    const dropped = await kb('reembed', '--drop-old');
    expect(dropped.stdout).toBe('dropped hashing:256\n');
    const search = await runKb(['search', 'refund card', '--json'], { ...env, EMBEDDING_PROVIDER: 'static' });
    expect((JSON.parse(search.stdout) as { articleId: string }[])[0]?.articleId).toBe('refunds.md');
  }, 240_000);
});
