import { Writable } from 'node:stream';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Database } from '@support/db';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../../apps/api/src/test-app.js';

/** The marker of the internal article this harness adds: no customer-facing response may contain it. */
export const INTERNAL_MARKER = 'ZEBRAFISH';
/** The internal article's title. */
export const INTERNAL_TITLE = 'Finance codewords';

/** The API's own route-test app (two public articles, one internal), with its logs kept. */
export interface HostileApp extends TestApp {
  /** Every log line the app wrote. */
  logs: string[];
}

/**
 * The real API with every route (Slack channel settings included) on a fresh test database, plus
 * an internal article carrying INTERNAL_MARKER, so a leak is easy to spot in any response.
 */
export async function createHostileApp(
  options: { chatModel?: BaseChatModel | null; bodyLimitBytes?: number; logLevel?: string } = {},
): Promise<HostileApp> {
  const logs: string[] = [];
  const test = await createTestApp({
    chatModel: options.chatModel ?? null,
    logger: pino({ level: options.logLevel ?? 'info' }, collectInto(logs)),
    rateLimitPerMinute: 1_000_000,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_000_000,
    slackChannels: true,
  });
  await test.retrieval.upsertArticle('help', {
    externalId: 'codewords',
    title: INTERNAL_TITLE,
    url: null,
    body: `Refunds over 500 dollars are approved by finance. Quote the codeword ${INTERNAL_MARKER}-7 to finance.`,
    locale: 'en',
    tags: [],
    visibility: 'internal',
  });
  await test.warmUp();
  return { ...test, logs };
}

/** A stream that appends every chunk written to it to `lines` (a pino destination). */
export function collectInto(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
}

/** Row counts of the tables a hostile request must never change behind the API's back. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ name: string; n: number }>(
    `SELECT 'articles' AS name, count(*)::int AS n FROM articles
     UNION ALL SELECT 'chunks', count(*)::int FROM chunks
     UNION ALL SELECT 'api_keys', count(*)::int FROM api_keys
     UNION ALL SELECT 'internal_articles', count(*)::int FROM articles WHERE visibility = 'internal'`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** The operations /openapi.json lists, as [METHOD, path template]. */
export async function documentedOperations(app: TestApp['app']): Promise<OperationInfo[]> {
  const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
  const out: OperationInfo[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const content = operation.requestBody?.content ?? {};
      const schema = resolve(doc, content['application/json']?.schema);
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        contentTypes: Object.keys(content),
        fields: Object.keys(schema?.properties ?? resolve(doc, schema?.items)?.properties ?? {}),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return out;
}

/** One documented operation, with what a fuzzer needs to aim at it. */
export interface OperationInfo {
  method: string;
  path: string;
  operationId: string;
  /** The request body's media types (empty: no body). */
  contentTypes: string[];
  /** Top-level field names of the JSON body (of its items, for an array body). */
  fields: string[];
  queryParams: string[];
}

type Schema = { $ref?: string; properties?: Record<string, unknown>; items?: Schema };
type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref === undefined) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}
