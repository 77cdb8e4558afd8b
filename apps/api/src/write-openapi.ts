import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pino from 'pino';
import { type ApiDeps, createApp } from './app.js';
import { CLIENT_TYPES_FILE, renderClientTypes } from './client-types.js';
import { openApiDocument } from './openapi.js';

// Writes the OpenAPI document without a database: building the app only reads route
// definitions, so each collaborator is a stand-in that fails loudly if anything calls it.
// Usage: tsx apps/api/src/write-openapi.ts <file.json> [--types] (pnpm lint:openapi lints what it
// writes; --types also rewrites the typed client's types, which a test keeps in step).

const [file, flag] = process.argv.slice(2);
if (file === undefined || (flag !== undefined && flag !== '--types')) {
  process.stderr.write('usage: write-openapi.ts <file.json> [--types]\n');
  process.exit(2);
}
const unused = (name: string) =>
  new Proxy(
    {},
    {
      get: (_, property) => {
        throw new Error(`${name}.${String(property)} is not needed to write the OpenAPI document`);
      },
    },
  ) as never;
const deps: ApiDeps = {
  retrieval: unused('retrieval'),
  copilot: unused('copilot'),
  keys: unused('keys'),
  jobs: unused('jobs'),
  answers: unused('answers'),
  logger: pino({ level: 'silent' }),
};
const app = createApp(deps);
// The default address main.ts listens on (HOST, PORT).
const document = openApiDocument(app, 'http://127.0.0.1:3000');
await mkdir(dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
if (flag === '--types') await writeFile(CLIENT_TYPES_FILE, await renderClientTypes(app));
