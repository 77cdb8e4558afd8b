import type { WidgetBundle } from '@support/widget';
import type { ApiApp } from '../api-env.js';

// /widget.js keeps one URL for every version (it is what sites paste), so browsers keep it a day
// and revalidate by ETag; /widget.js?v=<hash> names one version and is cached for a year.
const DAILY = 'public, max-age=86400, stale-while-revalidate=604800';
const FOREVER = 'public, max-age=31536000, immutable';

/** GET /widget.js: the helpdesk widget bundle, gzipped when the client accepts it, with a content-hash ETag. */
export function registerWidgetScriptRoute(app: ApiApp, bundle: WidgetBundle): void {
  const version = bundle.etag.slice(1, -1);
  app.get('/widget.js', (c) => {
    const headers = {
      'content-type': 'text/javascript; charset=utf-8',
      etag: bundle.etag,
      'cache-control': c.req.query('v') === version ? FOREVER : DAILY,
      vary: 'Accept-Encoding',
      // Any site may load it with a <script> tag, also one that sets Cross-Origin-Embedder-Policy.
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    const seen = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (seen.includes(bundle.etag)) return c.body(null, 304, headers);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(bundle.gzipped, 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(bundle.code, 200, headers);
  });
}
