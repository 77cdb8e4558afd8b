import { describe, expect, it } from 'vitest';
import { toSourceItem } from './article-input.js';
import { htmlToMarkdown, parseHtml } from './parse-html.js';

const PAGE = `<!doctype html>
<html lang="en-us">
<head>
  <title>Tracking your parcel</title>
  <link rel="canonical" href="https://help.northwind.example/articles/tracking">
  <meta property="og:url" content="https://help.northwind.example/og/tracking">
  <style>body { color: red }</style>
  <script>window.analytics = true;</script>
</head>
<body>
  <header><a href="/">Northwind Help</a></header>
  <nav><ul><li>Home</li><li>Billing</li></ul></nav>
  <main>
    <h1>Tracking your parcel</h1>
    <p>Every order ships with a <strong>tracking number</strong>.</p>
    <h2>Where to find it</h2>
    <ul><li>In your confirmation email</li><li>Under <em>Orders</em></li></ul>
    <form><input name="q"></form>
    <aside>Related: returns</aside>
  </main>
  <footer>© Northwind Goods</footer>
  <noscript>Enable JavaScript</noscript>
</body>
</html>`;

describe('parseHtml', () => {
  it('extracts title, url, locale and the main content as Markdown', () => {
    const raw = parseHtml(PAGE, 'tracking.html');
    expect(raw).toMatchObject({
      externalId: 'tracking.html',
      title: 'Tracking your parcel',
      url: 'https://help.northwind.example/articles/tracking',
      locale: 'en-US',
    });
    expect(raw.body).toBe(
      [
        '# Tracking your parcel',
        'Every order ships with a **tracking number**.',
        '## Where to find it',
        '-   In your confirmation email\n-   Under _Orders_',
      ].join('\n\n'),
    );
  });

  it('drops chrome and scripts from the body', () => {
    const { body } = parseHtml(PAGE, 'tracking.html');
    for (const text of ['Northwind Help', 'Billing', 'analytics', 'color: red', 'Related', '©', 'Enable JavaScript'])
      expect(body).not.toContain(text);
  });

  it('falls back to the first h1 for the title, og:url for the url and <body> for content', () => {
    const html = `<html><head><meta property="og:url" content="https://help.northwind.example/articles/gift-cards"></head>
      <body><nav>Menu</nav><h1>Gift cards</h1><p>Gift cards never expire.</p></body></html>`;
    expect(parseHtml(html, 'g.html')).toEqual({
      externalId: 'g.html',
      title: 'Gift cards',
      url: 'https://help.northwind.example/articles/gift-cards',
      body: '# Gift cards\n\nGift cards never expire.',
    });
  });

  it('prefers <article> over the rest of <body> and ignores a relative canonical link', () => {
    const html = `<html><head><link rel="canonical" href="/articles/x"></head>
      <body><div>Sidebar text</div><article><h2>Returns</h2><p>30 days.</p></article></body></html>`;
    const raw = parseHtml(html, 'r.html');
    // No <title> and no <h1>: validation later takes the first line of the body.
    expect(raw).toMatchObject({ title: '', url: null, body: '## Returns\n\n30 days.' });
    const item = toSourceItem('r.html', raw);
    expect(item.kind === 'article' && item.article.title).toBe('Returns');
  });
});

describe('htmlToMarkdown', () => {
  it('converts a Zendesk-style body fragment with ATX headings', () => {
    expect(htmlToMarkdown('<h3>Steps</h3><ol><li>Open <a href="https://x.example">settings</a></li></ol>')).toBe(
      '### Steps\n\n1.  Open [settings](https://x.example)',
    );
  });
});
