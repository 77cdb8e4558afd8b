import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ADMIN_PATH } from './session-cookie.js';

/** A page of HTML, built with hono/html's `html` tag: every interpolated string is escaped. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * What the dashboard's pages may load: our own script and stylesheet only, nothing inline (the
 * escaping is the first defence against a hostile question in the log, this is the second), no
 * framing, forms posted back here only. The referrer policy is same-origin, not no-referrer: under
 * no-referrer a browser posts forms with `Origin: null`, which the same-origin check must refuse.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The page around a dashboard body. */
export function page(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · Support copilot</title>
<link rel="stylesheet" href="${ADMIN_PATH}/assets/dashboard.css">
<script src="${ADMIN_PATH}/assets/dashboard.js" defer></script>
</head>
<body>
${body}
</body>
</html>`;
}

/** A share as a percentage, or a dash when there is nothing to divide. */
export const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
/** Milliseconds, in seconds from one second up. */
export const duration = (ms: number | null) =>
  ms === null ? '–' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
/** US dollars, with enough digits for a fraction of a cent. */
export const dollars = (usd: number | null) => (usd === null ? '–' : `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`);
/** A timestamp as UTC, to the minute. */
export const when = (iso: string | null) => (iso === null ? '–' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);
