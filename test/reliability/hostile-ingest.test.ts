import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, type Retrieval, readSource } from '@support/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A source folder whose files went bad between two runs (truncated, binary, another encoding,
// huge, compressed bombs where an export should be): every bad file is reported by name with what
// is wrong with it, and a full sync deletes nothing that was indexed from it before.

const ZENDESK = {
  articles: [
    { id: 101, title: 'Gift cards', body: '<p>Gift cards never expire.</p>', locale: 'en-us' },
    { id: 102, title: 'Store credit', body: '<p>Store credit is issued within 1 day.</p>', locale: 'en-us' },
  ],
};

describe('ingesting malformed files', () => {
  let db: Database;
  let retrieval: Retrieval;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    dir = await mkdtemp(join(tmpdir(), 'hostile-ingest-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const counts = async () => {
    const { rows } = await db.pool.query<{ articles: number; chunks: number }>(
      "SELECT (SELECT count(*)::int FROM articles WHERE source = 'kb') AS articles, (SELECT count(*)::int FROM chunks) AS chunks",
    );
    return rows[0];
  };

  it('reports each bad file with its reason, and a full sync loses nothing already indexed', async () => {
    await writeFile(join(dir, 'refunds.md'), '# Refunds\n\nRefunds reach your card within 5 to 10 business days.\n');
    await writeFile(join(dir, 'shipping.md'), '# Shipping\n\nStandard shipping takes 3 to 5 business days.\n');
    await writeFile(join(dir, 'returns.html'), '<h1>Returns</h1><p>Returns are accepted within 30 days.</p>');
    await writeFile(join(dir, 'export.json'), JSON.stringify(ZENDESK));
    const first = await retrieval.index(readSource(dir), { source: 'kb', fullSync: true });
    expect(first.failed).toEqual([]);
    const before = await counts();
    expect(before?.articles).toBe(5);

    // The same files, gone bad; and new hostile ones beside them.
    await writeFile(
      join(dir, 'shipping.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    await writeFile(
      join(dir, 'returns.html'),
      Buffer.from('<h1>Retours</h1><p>Accept\xe9s sous 30 jours.</p>', 'latin1'),
    );
    await truncate(join(dir, 'export.json'), 60);
    await mkdir(join(dir, 'bombs'));
    // 200 MB of zeros in 200 kB: as a .json export, as a .zip, and a nested JSON "bomb".
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    await writeFile(join(dir, 'bombs', 'export.json'), bomb);
    await writeFile(join(dir, 'bombs', 'export.zip'), bomb);
    await writeFile(join(dir, 'bombs', 'nested.json'), `{"articles":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    await writeFile(join(dir, 'huge.md'), `# Huge\n\n${'All work and no play. '.repeat(600_000)}`);
    await writeFile(join(dir, 'empty.md'), '');
    // UTF-16 without a byte-order mark: NUL bytes every other byte, nothing says it is text.
    await writeFile(join(dir, 'utf16.txt'), Buffer.from('Refunds take 5 days', 'utf16le'));

    const second = await retrieval.index(readSource(dir), { source: 'kb', fullSync: true });
    const reasons = Object.fromEntries(second.failed.map((f) => [f.path.slice(dir.length + 1), f.reason]));
    expect(reasons).toEqual({
      'bombs/export.json': 'binary file',
      'bombs/export.zip': 'unknown extension .zip',
      'bombs/nested.json:articles[0]': 'article: Invalid input: expected object, received array',
      'empty.md': 'missing title and body',
      'export.json': expect.stringMatching(/^invalid JSON: /),
      'huge.md': 'file too large: 13 MB, over the 10 MB limit for a single article',
      'returns.html': 'not UTF-8 text: invalid UTF-8 bytes (save it as UTF-8; a binary file cannot be indexed)',
      'shipping.md': 'binary file',
      'utf16.txt': 'binary file',
    });
    // Nothing deleted: the unreadable export could have held any article, so the sync held back.
    expect(second.deleted).toBe(0);
    expect(second.fullSyncSkipped).toMatch(/could not be read, so no article was deleted/);
    expect(await counts()).toEqual(before);
    const hits = await retrieval.search({ query: 'shipping business days', k: 3 });
    expect(hits.hits.map((h) => h.title)).toContain('Shipping');
  });
});
