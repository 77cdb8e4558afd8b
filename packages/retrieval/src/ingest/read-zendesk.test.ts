import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceItem } from './article-input.js';
import { readZendeskExport, zendeskExportToItems } from './read-zendesk.js';

const EXPORT = {
  articles: [
    {
      id: 360001,
      title: 'Changing your plan',
      body: '<h2>Plans</h2><p>Plus costs <strong>$19/month</strong>.</p><script>x()</script>',
      html_url: 'https://northwind.zendesk.example/hc/en-us/articles/360001',
      locale: 'en-us',
      label_names: ['billing', 'plans'],
      draft: false,
      updated_at: '2024-05-01T10:00:00Z',
      user_segment_id: null,
    },
    { id: 360002, title: 'Unfinished', body: '<p>WIP</p>', locale: 'en-us', label_names: [], draft: true },
    {
      id: 360003,
      title: 'Escalations',
      body: '<p>Agents only.</p>',
      html_url: 'https://northwind.zendesk.example/hc/en-us/articles/360003',
      locale: 'en-us',
      label_names: [],
      draft: false,
      user_segment_id: 9001,
    },
    { title: 'No id', body: '<p>x</p>' },
  ],
};

describe('zendeskExportToItems', () => {
  it('maps articles, skips drafts and fails bad records', () => {
    const items: SourceItem[] = [...zendeskExportToItems('export.json', EXPORT)];
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      kind: 'article',
      path: 'export.json:articles[0]',
      article: {
        externalId: '360001',
        title: 'Changing your plan',
        body: '## Plans\n\nPlus costs **$19/month**.',
        url: 'https://northwind.zendesk.example/hc/en-us/articles/360001',
        locale: 'en-US',
        tags: ['billing', 'plans'],
        visibility: 'public',
      },
    });
    expect(items[1]).toMatchObject({ kind: 'article', article: { externalId: '360003', visibility: 'internal' } });
    expect(items[2]).toMatchObject({ kind: 'failed', path: 'export.json:articles[3]' });
    expect(items[2]?.kind === 'failed' && items[2].reason).toMatch(/^id: /);
  });

  it('fails an object without an articles array', () => {
    expect([...zendeskExportToItems('x.json', { foo: 1 })]).toEqual([
      { kind: 'failed', path: 'x.json', reason: 'expected a Zendesk export with an "articles" array' },
    ]);
  });
});

describe('readZendeskExport', () => {
  it('reads an export file and reports broken JSON as a failed item', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-zendesk-'));
    try {
      const good = join(dir, 'export.json');
      const bad = join(dir, 'broken.json');
      await writeFile(good, JSON.stringify(EXPORT));
      await writeFile(bad, '{"articles": [');
      const ids: string[] = [];
      for await (const item of readZendeskExport(good)) if (item.kind === 'article') ids.push(item.article.externalId);
      expect(ids).toEqual(['360001', '360003']);
      const failed: SourceItem[] = [];
      for await (const item of readZendeskExport(bad)) failed.push(item);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.kind === 'failed' && failed[0].reason).toMatch(/^invalid JSON: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
