import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import type { ApiApp } from './api-env.js';
import { openApiDocument } from './openapi.js';

/** Where the committed client types live; `pnpm openapi:types` rewrites them. */
export const CLIENT_TYPES_FILE = new URL('./generated/openapi.generated.ts', import.meta.url);

/**
 * TypeScript types of the API's document, as openapi-typescript renders them for openapi-fetch.
 * The server URL is left out of them, so any address gives the same text.
 */
export async function renderClientTypes(app: ApiApp): Promise<string> {
  const document = openApiDocument(app, 'http://127.0.0.1');
  return COMMENT_HEADER + astToString(await openapiTS(document as never));
}
