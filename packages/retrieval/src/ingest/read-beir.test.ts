import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceItem } from './article-input.js';
import { readBeirCorpus } from './read-beir.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-beir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const all: SourceItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('readBeirCorpus', () => {
  it('yields one article per line, failing broken lines by line number', async () => {
    const path = join(dir, 'corpus.jsonl');
    const lines = [
      JSON.stringify({ _id: 'doc1', title: 'Refund window', text: 'Refunds within 30 days.', metadata: {} }),
      '',
      '{"_id": "doc2", "title": "Broken',
      JSON.stringify({
        _id: 42,
        title: '',
        text: 'Parcels ship in 2 days.',
        metadata: { url: 'https://x.example/42' },
      }),
      JSON.stringify({ title: 'No id', text: 'x' }),
      '   ',
    ];
    await writeFile(path, `${lines.join('\r\n')}\n`);
    const items = await collect(readBeirCorpus(path));
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      kind: 'article',
      path: `${path}:1`,
      article: {
        externalId: 'doc1',
        title: 'Refund window',
        body: 'Refunds within 30 days.',
        url: null,
        locale: 'en',
        tags: [],
        visibility: 'public',
      },
    });
    expect(items[1]).toMatchObject({ kind: 'failed', path: `${path}:3` });
    expect(items[1]?.kind === 'failed' && items[1].reason).toMatch(/^invalid JSON: /);
    expect(items[2]).toMatchObject({
      kind: 'article',
      path: `${path}:4`,
      article: { externalId: '42', title: 'Parcels ship in 2 days.', url: 'https://x.example/42' },
    });
    expect(items[3]).toMatchObject({ kind: 'failed', path: `${path}:5` });
    expect(items[3]?.kind === 'failed' && items[3].reason).toMatch(/^externalId: /);
  });

  it('reports invalid UTF-8 as a binary file', async () => {
    const path = join(dir, 'corpus.jsonl');
    const good = Buffer.from(`${JSON.stringify({ _id: 'a', title: 'A', text: 'a' })}\n`);
    await writeFile(path, Buffer.concat([good, Buffer.from([0xff, 0xfe, 0x0a])]));
    const items = await collect(readBeirCorpus(path));
    // Lines decoded before the bad chunk may come first; the file ends in one failure.
    expect(items.at(-1)).toEqual({ kind: 'failed', path, reason: 'binary file' });
    expect(items.filter((item) => item.kind === 'failed')).toHaveLength(1);
  });
});
