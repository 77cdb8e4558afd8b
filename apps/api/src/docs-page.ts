import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApiApp } from './api-env.js';
import { OPENAPI_PATH } from './openapi.js';

// Swagger UI from the pinned swagger-ui-dist package, served by the API itself: the reference
// works where no CDN is reachable, and the page's CSP lets it load nothing from anywhere else.
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = '/docs/assets';

// Only these files are served, so a request cannot name any other path in the package.
const FILES: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};

// A script file of our own rather than an inline one, so script-src needs no 'unsafe-inline'.
// validatorUrl: null, or Swagger UI asks validator.swagger.io for a badge.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_PATH)}, dom_id: '#reference', deepLinking: true, validatorUrl: null });\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Support copilot API reference</title>
  <link rel="icon" href="${ASSETS}/favicon-32x32.png">
  <link rel="stylesheet" href="${ASSETS}/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="${ASSETS}/swagger-ui-bundle.js"></script>
  <script src="${ASSETS}/init.js"></script>
</body>
</html>
`;

/** Only this origin: scripts, styles, fonts and the document's fetches; Swagger UI's CSS draws its icons as data: SVGs. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** GET /docs: the interactive API reference, with every asset it needs served from /docs/assets. */
export function registerDocsPage(app: ApiApp): void {
  const cache = new Map<string, Buffer>();
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(PAGE);
  });
  app.get(`${ASSETS}/init.js`, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(INIT_SCRIPT);
  });
  app.get(`${ASSETS}/:name`, async (c) => {
    const asset = FILES[c.req.param('name')];
    if (asset === undefined) return c.notFound();
    let body = cache.get(asset.file);
    if (body === undefined) {
      body = await readFile(join(SWAGGER_UI_DIR, asset.file));
      cache.set(asset.file, body);
    }
    c.header('Content-Type', asset.type);
    // The package is pinned, so a file changes only with a new release of the API.
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(new Uint8Array(body));
  });
}
