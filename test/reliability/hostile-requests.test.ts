import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, short } from './support/budget.js';
import { createHostileApp, documentedOperations, type HostileApp, type OperationInfo } from './support/hostile-app.js';
import {
  CONTENT_TYPES,
  headerName,
  headerValue,
  hostileString,
  hostileValue,
  INVALID_UTF8,
  pathParam,
  queryString,
  toJsonText,
} from './support/hostile-inputs.js';

// Every route /openapi.json lists, driven with random and hostile requests in-process
// (app.request: no sockets, so thousands of cases run in seconds). The promise: a 4xx with a JSON
// error body (or a 2xx when the input happens to be valid), never a 5xx, never a broken stream.

const RUNS = cases(10_000, 1_000);
// A huge string reaches past the 1 MB body limit the app is built with in the full run.
const MAX_HUGE = short ? 200_000 : 1_500_000;
const BODY_LIMIT = 1_000_000;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

type BodyKind = 'none' | 'json' | 'fields' | 'deep' | 'bytes' | 'huge' | 'ndjson' | 'text' | 'valid';

// A body of the right shape carrying a hostile string where the text goes: these reach the handler.
const VALID_BODIES: Record<string, (s: string, flag: boolean) => unknown> = {
  answer: (s) => ({ question: s }),
  search: (s, flag) => ({ query: s, ...(flag ? { mode: 'keyword', k: 3 } : {}) }),
  sendFeedback: (s, flag) => ({ answerId: '00000000-0000-4000-8000-000000000000', helpful: flag, comment: s }),
  putArticle: (s, flag) => ({ title: s, body: flag ? s : 'Refunds take 5 days.' }),
  upsertArticles: (s) => [{ source: 'fuzz', externalId: s, title: s, body: s }],
  reindexSource: (s) => ({ articles: [{ externalId: s, title: s, body: s }] }),
  updateSlackChannel: (s, flag) => ({ tags: [s], mentionOnly: flag }),
};

interface HostileRequest {
  op: OperationInfo;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  kind: BodyKind;
}

// Undefined most of the time: a browser-only header sent on every case would refuse most of them.
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

function describeRequest(r: HostileRequest): string {
  const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}...(${s.length} chars)` : s);
  const body =
    r.body === undefined
      ? ''
      : typeof r.body === 'string'
        ? clip(r.body)
        : `bytes ${Buffer.from(r.body).toString('hex').slice(0, 80)}`;
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${clip(v)}`);
  return `${r.method} ${clip(r.url)} [${headers.join('; ')}] ${r.kind} ${body}`;
}

describe('hostile requests against every documented route', () => {
  let h: HostileApp;
  let operations: OperationInfo[];

  beforeAll(async () => {
    h = await createHostileApp({ bodyLimitBytes: BODY_LIMIT, logLevel: 'warn' });
    operations = await documentedOperations(h.app);
  });
  afterAll(() => h.close());

  function requestArbitrary(): fc.Arbitrary<HostileRequest> {
    // Mostly a key that passes the guard, so most cases reach validation and the handler behind it.
    const auth = fc.oneof(
      { weight: 8, arbitrary: fc.constant((k: HostileApp['keys']) => `Bearer ${k.agent}`) },
      { weight: 3, arbitrary: fc.constant((k: HostileApp['keys']) => `Bearer ${k.customer}`) },
      {
        weight: 3,
        arbitrary: fc.constantFrom<(k: HostileApp['keys']) => string | undefined>(
          (k) => `Bearer ${k.searchOnly}`,
          () => undefined,
          () => 'Bearer',
          () => 'Bearer ',
          (k) => `Bearer ${k.agent.slice(0, 12)}${'A'.repeat(k.agent.length - 12)}`,
          (k) => `bearer   ${k.agent}`,
          (k) => `Basic ${Buffer.from(`admin:${k.agent}`).toString('base64')}`,
          () => `Bearer sc_${'x'.repeat(5_000)}`,
          (k) => `Bearer ${k.agent} ${k.agent}`,
        ),
      },
    );
    const body = (op: OperationInfo): fc.Arbitrary<{ kind: BodyKind; body: string | Uint8Array | undefined }> =>
      fc.oneof(
        fc.constant({ kind: 'none' as const, body: undefined }),
        fc.jsonValue().map((v) => ({ kind: 'json' as const, body: JSON.stringify(v) ?? 'null' })),
        fc
          .tuple(
            fc.dictionary(fc.constantFrom(...(op.fields.length > 0 ? op.fields : ['x'])), hostileValue(MAX_HUGE), {
              maxKeys: 4,
            }),
            fc.boolean(),
            fc.integer({ min: 10, max: 50_000 }),
            fc.boolean(),
          )
          .map(([fields, asArray, depth, objects]) => ({
            kind: 'fields' as const,
            body: toJsonText(asArray ? [fields] : fields, depth, objects),
          })),
        // The right field names with plain strings: often valid, so the handlers run on odd text.
        fc
          .dictionary(fc.constantFrom(...(op.fields.length > 0 ? op.fields : ['x'])), hostileString(MAX_HUGE), {
            minKeys: 1,
            maxKeys: 3,
          })
          .map((fields) => ({ kind: 'fields' as const, body: JSON.stringify(fields) })),
        fc
          .dictionary(fc.constantFrom(...(op.fields.length > 0 ? op.fields : ['x'])), hostileString(MAX_HUGE), {
            minKeys: 1,
            maxKeys: 3,
          })
          .map((fields) => ({ kind: 'fields' as const, body: JSON.stringify(fields) })),
        fc
          .tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.boolean())
          .map(([depth, objects]) => ({ kind: 'deep' as const, body: toJsonText('\u0000deep\u0000', depth, objects) })),
        fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.uint8Array({ maxLength: 300 })).map((b) => ({
          kind: 'bytes' as const,
          body: b,
        })),
        fc.integer({ min: BODY_LIMIT - 10, max: BODY_LIMIT + 100_000 }).map((n) => ({
          kind: 'huge' as const,
          body: `{"question":"${'q'.repeat(n)}"}`,
        })),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }).map((lines) => ({
          kind: 'ndjson' as const,
          body: lines.map((l) => JSON.stringify(l) ?? '').join('\n'),
        })),
        hostileString(MAX_HUGE).map((s) => ({ kind: 'text' as const, body: s })),
        ...(VALID_BODIES[op.operationId] === undefined
          ? []
          : [
              fc.tuple(hostileString(MAX_HUGE), fc.boolean()).map(([s, flag]) => ({
                kind: 'valid' as const,
                body: JSON.stringify(VALID_BODIES[op.operationId]?.(s, flag)),
              })),
            ]),
      );
    return fc.nat({ max: operations.length - 1 }).chain((index) => {
      const op = operations[index] as OperationInfo;
      const params = op.path.match(/\{[^}]+\}/g) ?? [];
      return fc
        .record({
          method: fc.oneof(
            { weight: 12, arbitrary: fc.constant(op.method) },
            { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
          ),
          params: fc.tuple(...params.map(() => pathParam(MAX_HUGE))),
          query: queryString,
          auth,
          accept: fc.constantFrom(
            undefined,
            undefined,
            'text/event-stream',
            '*/*',
            'application/xml',
            'text/event-stream;q=0',
          ),
          origin: rarely(fc.constantFrom('https://help.example.com', 'https://evil.example', 'null', 'file://')),
          client: rarely(fc.constantFrom('widget', 'WIDGET', 'slack')),
          contentType: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom('application/json', ...op.contentTypes) },
            { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          ),
          extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
          body: body(op),
        })
        .map((r): HostileRequest => {
          let i = 0;
          const path = op.path.replace(/\{[^}]+\}/g, () => r.params[i++] ?? 'x');
          const key = r.auth(h.keys);
          const headers: Record<string, string> = {
            ...r.extra,
            ...(key === undefined ? {} : { authorization: key }),
            ...(r.accept === undefined ? {} : { accept: r.accept }),
            ...(r.origin === undefined ? {} : { origin: r.origin }),
            ...(r.client === undefined ? {} : { 'x-copilot-client': r.client }),
            ...(r.contentType === '' ? {} : { 'content-type': r.contentType }),
          };
          const bodyless = r.method === 'GET' || r.method === 'HEAD';
          const request = {
            op,
            method: r.method,
            url: `${path}${r.query}`,
            headers,
            body: bodyless ? undefined : r.body.body,
            kind: bodyless ? 'none' : r.body.kind,
          } as const;
          // A counterexample prints short: huge strings would bury the report.
          return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
        });
    });
  }

  it(`answers ${RUNS} hostile requests with 4xx JSON errors or 2xx, never 5xx`, { timeout: 900_000 }, async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (r) => {
        const response = await h.app.request(r.url, {
          method: r.method,
          headers: r.headers,
          ...(r.body === undefined ? {} : { body: r.body }),
        });
        const text = await response.text();
        const label = `${r.op.operationId} ${response.status}`;
        tally.set(label, (tally.get(label) ?? 0) + 1);
        const what = `${r.method} ${r.url.slice(0, 200)} (${r.kind} body) -> ${response.status}: ${text.slice(0, 300)}`;
        expect(response.status, what).toBeLessThan(500);
        if (response.status >= 400 && r.method !== 'HEAD') {
          expect(response.headers.get('content-type'), what).toContain('application/json');
          const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } })
            .error;
          expect(typeof error?.code, what).toBe('string');
          expect(typeof error?.message, what).toBe('string');
          expect(typeof error?.requestId, what).toBe('string');
        }
        // A stream that started (200) must not end in the catch-all error event: that is a 500 in disguise.
        if (response.headers.get('content-type')?.includes('text/event-stream'))
          expect(text, what).not.toMatch(/^event: error$/m);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const lines = operations.map((op) => {
      const seen = [...tally.entries()].filter(([k]) => k.startsWith(`${op.operationId} `));
      return `  ${op.operationId}: ${seen.map(([k, n]) => `${k.split(' ')[1]}x${n}`).join(' ')}`;
    });
    console.log(`hostile requests: ${RUNS} cases (status x count per operation)\n${lines.join('\n')}`);
    // Every documented operation was reached, and at least one request was valid enough to pass.
    for (const op of operations)
      expect(
        [...tally.keys()].some((k) => k.startsWith(`${op.operationId} `)),
        op.operationId,
      ).toBe(true);
    expect([...tally.keys()].some((k) => / 2\d\d$/.test(k))).toBe(true);
    // Nothing the app logged was an unexpected failure.
    expect(h.logs.filter((l) => l.includes('"request.failed"'))).toEqual([]);
  });
});
