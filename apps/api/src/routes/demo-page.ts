import { createHash } from 'node:crypto';
import type { ApiApp } from '../api-env.js';

const SUGGESTIONS = [
  'How long does a refund take to reach my card?',
  'How do I reset my password?',
  'How much does express shipping cost?',
  'Which payment methods do you accept?',
];

// The page's one inline script: the suggestion buttons ask the widget. Allowed by its hash in the
// page's CSP, which also shows that the widget itself needs no inline script or eval.
const SCRIPT = `for (const b of document.querySelectorAll('[data-question]')) b.addEventListener('click', () => customElements.whenDefined('support-copilot').then(() => document.querySelector('support-copilot').ask(b.dataset.question)));`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');
const CSP = `default-src 'self'; script-src 'self' 'sha256-${SCRIPT_HASH}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(origin: string, key: string): string {
  const snippet = `<script src="${origin}/widget.js" data-api-key="${key}" async></script>`;
  const buttons = SUGGESTIONS.map(
    (q) => `<li><button type="button" data-question="${escapeHtml(q)}">${escapeHtml(q)}</button></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Help center · support copilot demo</title>
<style>
:root{color-scheme:light dark;--fg:#1f2937;--muted:#5b6472;--bg:#f7f8fa;--card:#fff;--line:#d9dde3;--accent:#2563eb}
@media (prefers-color-scheme:dark){:root{--fg:#eceff3;--muted:#a3abb8;--bg:#0f1216;--card:#191d23;--line:#343a45;--accent:#7aa2f7}}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:14px 24px;border-bottom:1px solid var(--line);background:var(--card);font-weight:600}
main{max-width:760px;margin:0 auto;padding:32px 20px 120px}
h1{font-size:clamp(26px,5vw,36px);margin:0 0 8px}
p{color:var(--muted)}
ul.ask{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}
ul.ask button{font:inherit;font-size:14px;padding:8px 14px;border:1px solid var(--line);border-radius:999px;background:var(--card);color:var(--fg);cursor:pointer}
ul.ask button:hover{border-color:var(--accent)}
section{margin-top:36px;padding:20px;border:1px solid var(--line);border-radius:12px;background:var(--card)}
h2{font-size:18px;margin:0 0 8px}
pre{overflow-x:auto;padding:12px;border-radius:8px;background:var(--bg);font-size:13px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
</style>
</head>
<body>
<header>Help center <span style="font-weight:400;color:var(--muted)">· support copilot demo</span></header>
<main>
<h1>How can we help?</h1>
<p>This page is served by your support copilot's API to show its help widget. Open it with the button at the bottom right, or try a question:</p>
<ul class="ask">${buttons}</ul>
<section>
<h2>Put it on your help center</h2>
<p>One tag. The key on this page is a <em>customer</em> key made for this demo: it sees public articles only, and works only from this page's origin.</p>
<pre><code>${escapeHtml(snippet)}</code></pre>
<p>For your own site, make a key that lists its origin:<br><code>pnpm kb keys create --scopes answer,feedback --audience customer --origins https://help.example.com</code></p>
<p>Options: <code>data-title</code>, <code>data-placeholder</code>, <code>data-greeting</code>, <code>data-accent</code>, <code>data-position="bottom-left"</code>, <code>data-locale</code>, <code>data-api-url</code>.</p>
</section>
</main>
<script src="/widget.js" data-api-key="${escapeHtml(key)}" data-title="Help" async></script>
<script>${SCRIPT}</script>
</body>
</html>`;
}

/**
 * GET /: a demo help-center page with the widget on it, using the demo's customer key. `demoKey`
 * is read per request because the key is made once the server knows its own origin.
 */
export function registerDemoPageRoute(app: ApiApp, demoKey: () => string | undefined): void {
  app.get('/', (c) => {
    const key = demoKey();
    if (key === undefined) return c.text('The demo key is not ready yet; reload in a moment.', 503);
    c.header('content-security-policy', CSP);
    c.header('cache-control', 'no-store');
    return c.html(page(new URL(c.req.url).origin, key));
  });
}
