import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceItem } from './article-input.js';
import { readSource } from './read-source.js';

let dir: string;

async function collect(path: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readSource(path)) items.push(item);
  return items;
}

function failures(items: SourceItem[]): Record<string, string> {
  return Object.fromEntries(
    items.flatMap((item) => (item.kind === 'failed' ? [[item.path.slice(dir.length + 1), item.reason]] : [])),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-source-'));
  const files: Record<string, string | Uint8Array> = {
    'refund-policy.md': '---\ntitle: Refund policy\ntags: refunds\n---\n## Window\n\nWithin 30 days.\n',
    'shipping/tracking.html':
      '<html><head><title>Tracking</title></head><body><nav>Menu</nav><p>Use the link.</p></body></html>',
    'shipping/intl/customs.txt': 'Customs and duties\n\nDuties are paid by the recipient.',
    'articles.json': JSON.stringify([
      { externalId: 'json-1', title: 'Gift cards', body: 'Never expire.' },
      { title: 'No id', body: 'x' },
    ]),
    'zendesk.json': JSON.stringify({
      articles: [
        { id: 7, title: 'Plans', body: '<p>Pro is $49.</p>', locale: 'en-us', label_names: [], draft: false },
        { id: 8, title: 'Draft', body: '<p>WIP</p>', draft: true },
      ],
    }),
    'corpus.jsonl': `${JSON.stringify({ _id: 'b1', title: 'Passwords', text: 'Reset links last 1 hour.' })}\n{oops\n`,
    'broken.json': '{"articles": [',
    'config.json': '{"theme": "dark"}',
    'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]),
    'notes.xyz': 'whatever',
    'bad-front-matter.md': '---\ntitle: [unclosed\n---\nBody\n',
    'empty.md': '---\ntags: [misc]\n---\n\n',
    '.hidden.md': '# Hidden\n',
    'README.md': '# About this folder\n',
    '.git/HEAD.md': '# Git\n',
    'node_modules/pkg/readme.md': '# Package\n',
  };
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSource', () => {
  it('indexes every good article in a folder, in sorted order, with relative-path ids', async () => {
    const items = await collect(dir);
    const ids = items.flatMap((item) => (item.kind === 'article' ? [item.article.externalId] : []));
    expect(ids).toEqual([
      'json-1',
      'b1',
      'refund-policy.md',
      'shipping/intl/customs.txt',
      'shipping/tracking.html',
      '7',
    ]);
  });

  it('reports each bad file or record with its path and reason', async () => {
    const failed = failures(await collect(dir));
    expect(Object.keys(failed).sort()).toEqual(
      [
        'articles.json:[1]',
        'bad-front-matter.md',
        'broken.json',
        'config.json',
        'corpus.jsonl:2',
        'empty.md',
        'latin1.txt',
        'logo.png',
        'notes.xyz',
      ].sort(),
    );
    expect(failed).toMatchObject({
      'articles.json:[1]': expect.stringMatching(/^externalId: /),
      'bad-front-matter.md': expect.stringMatching(/^front matter: invalid YAML: /),
      'broken.json': expect.stringMatching(/^invalid JSON: /),
      'config.json': 'unrecognised JSON: expected a Zendesk export with an "articles" array or an array of articles',
      'corpus.jsonl:2': expect.stringMatching(/^invalid JSON: /),
      'empty.md': 'missing title and body',
      'latin1.txt': 'not UTF-8 text: invalid UTF-8 bytes (save it as UTF-8; a binary file cannot be indexed)',
      'logo.png': 'unknown extension .png',
      'notes.xyz': 'unknown extension .xyz',
    });
  });

  it('names the file in a failure from a folder walk', async () => {
    const items = await collect(dir);
    expect(items.find((item) => item.path.endsWith('notes.xyz'))).toMatchObject({ externalId: 'notes.xyz' });
  });

  it('reports a file with a NUL byte as binary even with a known extension', async () => {
    // A folder of its own, so the walk of the shared folder above is unaffected.
    const path = await mkdtemp(join(tmpdir(), 'read-source-binary-'));
    try {
      await writeFile(join(path, 'data.md'), new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42]));
      expect(await collect(path)).toEqual([
        { kind: 'failed', path: join(path, 'data.md'), reason: 'binary file', externalId: 'data.md' },
      ]);
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });

  it('reads UTF-16 files that carry a byte-order mark (little and big endian) as text', async () => {
    const path = await mkdtemp(join(tmpdir(), 'read-source-utf16-'));
    try {
      const text = '\ufeff# Remboursements\n\nLes remboursements prennent 5 jours ouvrés.\n';
      await writeFile(join(path, 'le.md'), Buffer.from(text, 'utf16le'));
      await writeFile(join(path, 'be.md'), Buffer.from(text, 'utf16le').swap16());
      // Half a character after the mark: not UTF-16 text, named as such.
      await writeFile(join(path, 'odd.md'), Buffer.concat([Buffer.from(text, 'utf16le'), Buffer.from([0x41])]));
      const items = await collect(path);
      const articles = items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
      expect(articles.map((a) => [a.externalId, a.title])).toEqual([
        ['be.md', 'Remboursements'],
        ['le.md', 'Remboursements'],
      ]);
      for (const a of articles) expect(a.body).toContain('Les remboursements prennent 5 jours ouvrés.');
      expect(items.find((i) => i.kind === 'failed')).toMatchObject({
        externalId: 'odd.md',
        reason: 'not UTF-16LE text: invalid bytes after its byte-order mark',
      });
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });

  it('refuses an article file over 10 MB by its size, without reading it', async () => {
    const path = await mkdtemp(join(tmpdir(), 'read-source-huge-'));
    try {
      await writeFile(join(path, 'huge.md'), `# Huge\n\n${'All work and no play. '.repeat(600_000)}`);
      expect(await collect(path)).toEqual([
        {
          kind: 'failed',
          path: join(path, 'huge.md'),
          reason: 'file too large: 13 MB, over the 10 MB limit for a single article',
          externalId: 'huge.md',
        },
      ]);
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });

  it('uses the base name as the id when given a single file', async () => {
    const items = await collect(join(dir, 'shipping', 'intl', 'customs.txt'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'article',
      article: { externalId: 'customs.txt', title: 'Customs and duties', body: 'Duties are paid by the recipient.' },
    });
  });

  it('throws an error naming the path when it does not exist', async () => {
    const missing = join(dir, 'nope');
    await expect(collect(missing)).rejects.toThrow(`source path not found: ${missing}`);
  });
});
