import { describe, expect, it } from 'vitest';
import { toSourceItem } from './article-input.js';
import { parseMarkdown } from './parse-markdown.js';

const REFUNDS = `---
title: Refund policy
url: https://help.northwind.example/articles/refund-policy
tags: [billing, refunds]
locale: en-us
visibility: public
author: someone   # unknown keys are ignored
---
# Refunds at a glance

You can ask for a refund within 30 days of delivery.

## How long it takes

Refunds land in 5-10 business days.
`;

describe('parseMarkdown', () => {
  it('reads front matter fields and keeps the body without it', () => {
    const raw = parseMarkdown(REFUNDS, 'billing/refund-policy.md');
    expect(raw).toEqual({
      externalId: 'billing/refund-policy.md',
      title: 'Refund policy',
      url: 'https://help.northwind.example/articles/refund-policy',
      tags: ['billing', 'refunds'],
      locale: 'en-US',
      visibility: 'public',
      body: REFUNDS.slice(REFUNDS.indexOf('# Refunds')),
    });
    expect(toSourceItem('refund-policy.md', raw).kind).toBe('article');
  });

  it('splits a comma-separated tags string', () => {
    const raw = parseMarkdown(
      '---\ntitle: Promo codes\ntags: billing, promo codes ,\n---\nOne code per order.',
      'p.md',
    );
    expect(raw.tags).toEqual(['billing', 'promo codes']);
  });

  it('falls back to the first # heading and keeps it in the body', () => {
    const text = '```md\n# not this one\n```\n\n## Intro\n\n# Two-factor authentication\n\nUse an app.';
    const raw = parseMarkdown(text, '2fa.md');
    expect(raw.title).toBe('Two-factor authentication');
    expect(raw.body).toBe(text);
  });

  it('reads a file without front matter as all body, with defaults for the rest', () => {
    const raw = parseMarkdown('Just a note about gift cards.', 'note.md');
    expect(raw).toMatchObject({ title: '', body: 'Just a note about gift cards.', url: null, tags: [] });
    const item = toSourceItem('note.md', raw);
    expect(item.kind === 'article' && item.article).toMatchObject({
      title: 'Just a note about gift cards.',
      locale: 'en',
      visibility: 'public',
    });
  });

  it('accepts blank lines inside the delimiters, as the Biome formatter writes them', () => {
    const raw = parseMarkdown('---\n\ntitle: Gift cards\nvisibility: public\n---\n\nNever expire.\n', 'g.md');
    expect(raw).toMatchObject({ title: 'Gift cards', visibility: 'public', body: '\nNever expire.\n' });
  });

  it('treats an empty front matter block as no metadata', () => {
    expect(parseMarkdown('---\n---\n# Hello\n', 'h.md')).toMatchObject({ title: 'Hello', body: '# Hello\n' });
  });

  it('throws a clear error for broken YAML', () => {
    expect(() => parseMarkdown('---\ntitle: [unclosed\ntags: a\n---\nBody', 'bad.md')).toThrow(
      /^front matter: invalid YAML: /,
    );
  });

  it('throws when the front matter is not a mapping', () => {
    expect(() => parseMarkdown('---\n- a\n- b\n---\nBody', 'list.md')).toThrow(
      'front matter: expected a mapping of keys',
    );
  });

  it('lets validation name a bad field', () => {
    const raw = parseMarkdown('---\ntitle: X\nvisibility: secret\n---\nBody', 'v.md');
    const item = toSourceItem('v.md', raw);
    expect(item.kind === 'failed' && item.reason).toMatch(/^visibility: /);
  });
});
