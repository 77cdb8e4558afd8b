import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, runKb } from './run-cli.js';

// `pnpm kb index` fitting a static table to a source and moving the whole knowledge base to it,
// with the default embedder (EMBEDDING_PROVIDER unset: auto). The real fit: USE-lite over the
// sample's texts and the vocabulary (--fit-texts keeps it under a minute), on a scratch server
// database when TEST_DATABASE_URL is set, else a data folder.
describe('pnpm kb index with a fitted static table', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof openCliDatabase>>;
  let auto: Record<string, string>;
  let articles: string;
  const kb = (...args: string[]) => runKb(args, auto);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-index-fit-'));
    articles = join(dir, 'articles');
    await mkdir(articles);
    await writeFile(join(articles, 'vat.md'), '# VAT invoices\n\nA VAT invoice is emailed with every order.\n');
    database = await openCliDatabase(dir);
    // A source indexed before, with another model: the fit must bring it along.
    expect((await runKb(['index', articles, '--source', 'billing'], database.env)).code).toBe(0);
    auto = { ...database.env, EMBEDDING_PROVIDER: '' };
  }, 240_000);
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a fit the configured embedder would not use, and an unknown --fit', async () => {
    const hashing = await runKb(['index', 'kb/sample', '--fit', 'always'], database.env);
    expect(hashing.code).toBe(2);
    expect(hashing.stderr).toContain(
      '--fit always: the knowledge base moves to a fitted table only with EMBEDDING_PROVIDER unset (auto), not hashing',
    );
    const unknown = await kb('index', 'kb/sample', '--fit', 'sometimes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--fit: expected auto, always or never, got "sometimes"');
    expect((await kb('reembed', '--status')).stdout).toBe('* hashing:256 (256 dimensions): 1/1 chunk texts, active\n');
  }, 240_000);

  it('fits a table to the source, stores it, moves every source to it, and every later process embeds with it', async () => {
    const indexed = await kb('index', 'kb/sample', '--fit', 'always', '--fit-texts', '300');
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stderr).toContain('fitting a static table to them');
    const model = /searches now read (static:use-lite-fit-256-[0-9a-f]{8})/.exec(indexed.stdout)?.[1];
    expect(model, indexed.stdout).toBeDefined();
    expect(indexed.stdout).toContain('(1 chunk texts of other sources embedded with it)');
    expect(indexed.stdout).toMatch(/sample: added 18, updated 0/);
    const status = (await kb('reembed', '--status')).stdout;
    expect(status).toMatch(new RegExp(`^\\* ${model} \\(256 dimensions\\): (\\d+)/\\1 chunk texts, active$`, 'm'));

    // A new process on the default embedder reads the table from the knowledge base: vector search
    // is on, and a paraphrase with no shared keyword finds the refund article.
    const search = await kb('search', 'my money has not come back yet', '--mode', 'vector', '--json');
    expect(search.stderr).not.toContain('vector search is off');
    const hits = JSON.parse(search.stdout) as { articleId: string }[];
    expect(
      hits
        .slice(0, 3)
        .map((h) => h.articleId)
        .join(' '),
    ).toMatch(/refund/);
    // A process told to use another model says which one the knowledge base reads.
    const other = await runKb(['search', 'refund', '--mode', 'vector'], database.env);
    expect(other.stderr).toContain(`the active embedding model is ${model}`);

    // A small source later is embedded with the table, not fitted again.
    await writeFile(
      join(articles, 'gift-cards.md'),
      '# Gift cards\n\nGift cards never expire and cannot be refunded.\n',
    );
    const later = await kb('index', articles, '--source', 'billing');
    expect(later.code).toBe(0);
    expect(later.stderr).not.toContain('fitting');
    expect((await kb('reembed', '--status')).stdout).toMatch(
      new RegExp(`^\\* ${model} \\(256 dimensions\\): (\\d+)/\\1 chunk texts, active$`, 'm'),
    );
  }, 300_000);
});
