import fc from 'fast-check';

// Arbitraries for hostile HTTP requests: what a broken client, a scanner or an attacker sends.

/** Classic SQL injection strings, for every field that ends up in a query. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE articles; --",
  "x'); DELETE FROM api_keys; --",
  '" OR ""="',
  "1' UNION SELECT key_hash, null, null FROM api_keys --",
  "'; UPDATE articles SET visibility = 'public'; --",
  '$1::text); TRUNCATE chunks; --',
  "\\'; SELECT pg_sleep(5); --",
  "' AND 1=CAST((SELECT body FROM articles WHERE visibility='internal' LIMIT 1) AS int) --",
  '%27%20OR%201=1',
  "internal' OR visibility='internal",
  '{"visibility": "internal"}\'',
];

// Strings that tend to break parsers, decoders and loggers.
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF{}',
  '\u202E\u0644\u0627',
  '../../../../etc/passwd',
  '..',
  '%',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '<script>alert(1)</script>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the hostile input
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '🙂'.repeat(50),
  'Z̴̡̢͇̗͔̬͍͈̫̦̙͛̈́̾a̵l̷g̸o̶',
  ...SQL_INJECTIONS,
];

/** A string that is odd (any code point, lone surrogates), hostile (injections) or huge. */
export function hostileString(maxHuge: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: maxHuge }).map((n) => 'x'.repeat(n)) },
  );
}

/** Any JSON value, an odd string, or an odd number: what a field of the wrong type receives. */
export function hostileValue(maxHuge: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: hostileString(maxHuge) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, true, false, null, [], {}) },
    { weight: 1, arbitrary: fc.array(hostileString(maxHuge), { maxLength: 5 }) },
    // Replaced by raw deeply nested JSON when serialised (a JS value that deep would overflow here).
    { weight: 1, arbitrary: fc.constantFrom(DEEP) },
  );
}

const DEEP = '\u0000deep\u0000';

/** JSON text of `value`, with each DEEP marker replaced by `depth` nested arrays or objects. */
export function toJsonText(value: unknown, depth: number, objects: boolean): string {
  const open = objects ? '{"a":' : '[';
  const close = objects ? '}' : ']';
  const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
  return JSON.stringify(value).replaceAll(JSON.stringify(DEEP), deep);
}

/** Bodies that are not valid UTF-8, around a JSON shape or on their own. */
export const INVALID_UTF8: Uint8Array[] = [
  Uint8Array.of(0xff, 0xfe, 0xfd),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
  new Uint8Array([...new TextEncoder().encode('{"question":"'), 0xc3, 0x28, ...new TextEncoder().encode('"}')]),
  new Uint8Array([...new TextEncoder().encode('{"query":"refund '), 0xe2, 0x82, ...new TextEncoder().encode('"}')]),
  new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"question":"refund"}')]),
  new Uint8Array([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]),
];

/** Content types a client may send, right or wrong. */
export const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/x-ndjson',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'application/json, text/plain',
  ';;;',
  '',
];

/** A header value as a Request accepts it: Latin-1 without control characters. */
export const headerValue = fc
  .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 })
  .map((s) => s.trim());

/** A header name: an HTTP token. */
export const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);

/** A query string: random pairs, raw or encoded, sometimes with a repeated or an odd key. */
export const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom('k', 'limit', 'audience', 'source', '__proto__'), headerName), fc.string()),
      {
        maxLength: 6,
      },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
  fc.constantFrom('?%', '?a=%E0%A4%A', '?&&&=', `?${'q='.repeat(2_000)}`, '?audience=agent', '?a[b][c]=1', '?%00=%00'),
);

/** A path parameter: a valid-looking id, an encoded random string, or raw trouble. */
export function pathParam(maxHuge: number): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom('help', 'refunds', 'escalation', 'C0123ABCD', '00000000-0000-0000-0000-000000000000'),
    },
    fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent),
    fc.constantFrom('..', '%2e%2e', '%2F', '%', '%E0%A4%A', '%00', '%C0%AF', '%F0%9F', '%20', '.%2e%2fetc'),
    fc.constantFrom(...SQL_INJECTIONS).map(encodeURIComponent),
    fc.integer({ min: 300, max: Math.min(maxHuge, 20_000) }).map((n) => 'p'.repeat(n)),
  );
}
