import { describe, expect, it } from 'vitest';
import { failureOf, parseRetryAfter } from './api.js';
import { readServerEvents } from './sse.js';

describe('the widget’s API client', () => {
  it('reads Retry-After as seconds or as an HTTP date, 5 s when absent', () => {
    const now = Date.parse('2026-12-02T05:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 02 Dec 2026 05:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBe(5);
  });

  it('tells retryable failures (429, 5xx) from refusals, keeping the API’s message', async () => {
    const res = (status: number, body: string, headers: Record<string, string> = {}) =>
      failureOf(new Response(body, { status, headers }));
    expect(await res(429, '', { 'retry-after': '3' })).toEqual({ kind: 'rate_limited', retryAfterSeconds: 3 });
    expect(await res(502, '<html>bad gateway</html>')).toEqual({ kind: 'server', message: 'HTTP 502' });
    expect(
      await res(403, '{"error":{"code":"forbidden","message":"origin https://x.example is not allowed"}}'),
    ).toEqual({
      kind: 'refused',
      status: 403,
      message: 'origin https://x.example is not allowed',
    });
  });

  it('parses Server-Sent Events split anywhere across network chunks', async () => {
    const wire =
      'event: sources\ndata: {"sources":[]}\n\nevent: delta\r\ndata: {"text":"Hi"}\r\n\r\n: comment\n\nevent: done\ndata: {}\n\n';
    const bytes = new TextEncoder().encode(wire);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readServerEvents(body)) events.push(event);
    expect(events).toEqual([
      { event: 'sources', data: '{"sources":[]}' },
      { event: 'delta', data: '{"text":"Hi"}' },
      { event: 'done', data: '{}' },
    ]);
  });
});
