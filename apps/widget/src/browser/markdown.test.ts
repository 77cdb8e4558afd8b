import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown.js';

describe('parseMarkdown', () => {
  it('reads paragraphs, lists, emphasis, code and citation markers', () => {
    expect(parseMarkdown('Refunds take **5-10 days** [1].\n\n- card [1, 2]\n- `PayPal`')).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Refunds take ' },
          { kind: 'strong', children: [{ kind: 'text', text: '5-10 days' }] },
          { kind: 'text', text: ' ' },
          { kind: 'cite', numbers: [1] },
          { kind: 'text', text: '.' },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          [
            { kind: 'text', text: 'card ' },
            { kind: 'cite', numbers: [1, 2] },
          ],
          [{ kind: 'code', text: 'PayPal' }],
        ],
      },
    ]);
  });

  it('keeps HTML as text: the tree has no node kind that could carry markup', () => {
    const blocks = parseMarkdown('<img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        inlines: [{ kind: 'text', text: '<img src=x onerror="alert(1)"> <script>alert(2)</script>' }],
      },
    ]);
  });

  it('links only to http(s); any other target keeps just the link text', () => {
    expect(parseInline('[terms](javascript:alert(1)) [x](data:text/html,hi) [ok](https://a.example/t)')).toEqual([
      { kind: 'text', text: 'terms' },
      { kind: 'text', text: ' ' },
      { kind: 'text', text: 'x' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://a.example/t', children: [{ kind: 'text', text: 'ok' }] },
    ]);
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref(' https://a.example/x ')).toBe('https://a.example/x');
    expect(safeHref('/relative')).toBeNull();
  });
});
