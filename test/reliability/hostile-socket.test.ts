import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProcess } from './support/metrics.js';
import type { AppProcess } from './support/processes.js';
import { adminKey, type StackEnv, startApiOn, startStackEnv } from './support/stack.js';

// What `Request` cannot carry in-process: bytes on the wire that are not HTTP, or HTTP broken in
// its framing. The API process (Node's HTTP parser under Hono) must answer 4xx or close the
// connection, never 5xx, keep serving, and let go of every socket.

/** Writes `bytes` on a fresh connection; the status line of the reply, or how the connection ended. */
function exchange(port: number, bytes: Buffer | string, waitMs = 3_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (outcome: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done(reply.split('\r\n')[0] || 'no reply (timeout)'), waitMs);
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.split('\r\n')[0] ?? '');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => done(`closed (${error.code})`));
    socket.on('end', () => done(reply.split('\r\n')[0] || 'closed'));
    socket.write(bytes);
  });
}

// Short, so the test sees a stalled sender cut off; the product's default is 30 s.
const REQUEST_TIMEOUT_MS = 2_000;
// A stalled sender is answered 408 once its request deadline passes.
const STALLED = ['a body shorter than its Content-Length, then silence', 'headers that never end'];

describe('hostile bytes over a real socket', () => {
  let env: StackEnv;
  let api: AppProcess;
  let port: number;
  let key: string;

  beforeAll(async () => {
    env = await startStackEnv(undefined);
    api = await startApiOn(env, 'api', {
      sample: true,
      extra: { HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
    });
    port = Number(new URL(api.url).port);
    key = await adminKey(env, 'api');
  });
  afterAll(async () => {
    await api?.stop();
    await env?.close();
  });

  it('answers broken HTTP with 4xx or a closed connection, never 5xx, and keeps serving', async () => {
    const auth = () => `Authorization: Bearer ${key}\r\n`;
    const post = (headers: string, body: string) =>
      `POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth()}${headers}\r\n${body}`;
    const cases: Record<string, Buffer | string> = {
      'not HTTP at all': Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
      'NUL in the request line': 'GET /heal\0thz HTTP/1.1\r\nHost: x\r\n\r\n',
      'control bytes in a header value': `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Evil: a\x01\x02b\r\n\r\n`,
      'a header name with a space': 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
      'invalid UTF-8 in the path': Buffer.concat([
        Buffer.from('GET /v1/articles/'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
      ]),
      'an unknown HTTP version': 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
      'headers over 16 KiB': `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'Content-Length and chunked together': post(
        'Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n',
        '0\r\n\r\n',
      ),
      'a negative Content-Length': post('Content-Type: application/json\r\nContent-Length: -5\r\n', '{}'),
      'two different Content-Lengths': post(
        'Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n',
        '{}',
      ),
      'a broken chunk size': post(
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
        'zz\r\n{}\r\n0\r\n\r\n',
      ),
      'a body shorter than its Content-Length, then silence': post(
        'Content-Type: application/json\r\nContent-Length: 100\r\n',
        '{"query":',
      ),
      'headers that never end': 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n',
      'JSON cut mid-string by the Content-Length': post(
        'Content-Type: application/json\r\nContent-Length: 10\r\n',
        '{"query":"refunds"}',
      ),
      'bytes that are not UTF-8 in a JSON body': Buffer.concat([
        Buffer.from(post('Content-Type: application/json\r\nContent-Length: 15\r\n', '{"query":"')),
        Buffer.from([0xff, 0xfe, 0xfd, 0x22, 0x7d]),
      ]),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(cases)) {
      outcomes[name] = await exchange(port, bytes, STALLED.includes(name) ? REQUEST_TIMEOUT_MS * 4 : 3_000);
    }
    console.log(
      Object.entries(outcomes)
        .map(([n, o]) => `  ${n.padEnd(54)} ${o}`)
        .join('\n'),
    );
    // Well-framed JSON whose bytes are not UTF-8 is decoded with U+FFFD in their place (as browsers
    // do) and may be answered; everything else is refused or cut off.
    const answerable = new Set(['bytes that are not UTF-8 in a JSON body']);
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect(outcome, name).not.toMatch(/^HTTP\/1\.[01] 5\d\d/);
      expect(outcome, name).toMatch(
        answerable.has(name) ? /^HTTP\/1\.[01] [24]\d\d/ : /^HTTP\/1\.[01] 4\d\d|^closed|^no reply/,
      );
    }
    // A sender that stalls does not keep its socket: it is told 408 once HTTP_REQUEST_TIMEOUT_MS passes.
    for (const name of STALLED) expect(outcomes[name], name).toMatch(/^HTTP\/1\.1 408/);
    // Still serving, and every hostile connection let go (the scrape's own socket is the only one left).
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    const before = await sampleProcess(api.url);
    await Promise.all(
      Array.from({ length: 20 }, () => exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX: \x7f\0\r\n\r\n')),
    );
    const after = await sampleProcess(api.url);
    expect(after.handles).toBeLessThanOrEqual(before.handles);
  });
});
