import type { ApiApp } from './api-env.js';

/** Where the document is served. */
export const OPENAPI_PATH = '/openapi.json';

// The API's version is its path prefix (/v1); the document's own version follows it.
const INFO = {
  title: 'Support copilot API',
  version: '1',
  description:
    'Cited, grounded answers and hybrid search over a support knowledge base, plus the admin routes that fill it. ' +
    'Every /v1 operation needs an API key (`Authorization: Bearer <key>`) holding the scope it names.',
  license: { name: 'MIT', identifier: 'MIT' },
};

const TAGS = [
  { name: 'answers', description: 'Questions in, cited answers out; feedback on them' },
  { name: 'search', description: 'Hybrid keyword and vector search' },
  { name: 'admin', description: 'Articles, re-index jobs and statistics (the admin scope)' },
  { name: 'operations', description: 'Liveness and readiness, without a key' },
];

/** The OpenAPI 3.1 document of `app`, naming `serverUrl` as the server it describes. */
export function openApiDocument(app: ApiApp, serverUrl: string) {
  return app.getOpenAPI31Document(documentConfig(serverUrl));
}

/** Serves the document at OPENAPI_PATH, its server being the origin the client reached. */
export function registerOpenApiDocument(app: ApiApp): void {
  app.doc31(OPENAPI_PATH, (c) => documentConfig(new URL(c.req.url).origin));
}

function documentConfig(serverUrl: string) {
  return { openapi: '3.1.0', info: INFO, servers: [{ url: serverUrl }], tags: TAGS };
}
