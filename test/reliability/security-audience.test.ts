import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSse } from '../e2e/answer-harness.js';
import {
  createHostileApp,
  documentedOperations,
  type HostileApp,
  INTERNAL_MARKER,
  INTERNAL_TITLE,
} from './support/hostile-app.js';

// A customer-audience key (the helpdesk widget's) must never see an internal article: not in
// search hits, answers, citations, a cached answer an agent caused, a logged answer, nor through
// any admin route.
const INTERNAL_QUESTION = 'which codeword do I quote to finance for refunds over 500 dollars?';
const CUSTOMER_ORIGIN = 'https://help.example.com';

describe('a customer key and internal articles', () => {
  let h: HostileApp;
  beforeAll(async () => {
    h = await createHostileApp();
  });
  afterAll(() => h.close());

  const call = (path: string, key: string, init: { method?: string; body?: unknown; accept?: string } = {}) =>
    h.app.request(path, {
      method: init.method ?? 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...(key === h.keys.customer ? { origin: CUSTOMER_ORIGIN } : {}),
        ...(init.accept ? { accept: init.accept } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it('an agent key does see it (so the checks below can fail)', async () => {
    const response = await call('/v1/answer', h.keys.agent, { body: { question: INTERNAL_QUESTION } });
    const answer = (await response.json()) as { citations: { title: string }[]; text: string };
    expect(answer.citations.map((c) => c.title)).toContain(INTERNAL_TITLE);
    expect(JSON.stringify(answer)).toContain(INTERNAL_MARKER);
  });

  it('search finds only public articles, whatever filters the customer asks for', async () => {
    for (const filters of [undefined, { visibility: ['internal'] }, { visibility: ['public', 'internal'] }]) {
      const response = await call('/v1/search', h.keys.customer, {
        body: {
          query: `finance codeword refunds over 500 dollars ${INTERNAL_MARKER}`,
          ...(filters ? { filters } : {}),
        },
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).not.toContain(INTERNAL_MARKER);
      expect(text).not.toContain(INTERNAL_TITLE);
      expect(text).not.toContain('escalation');
    }
  });

  it('answers (JSON and streamed) neither cite nor quote it, also right after an agent cached an answer that does', async () => {
    // The agent's answer above is in the cache under the same question; the customer must not get it.
    const json = await call('/v1/answer', h.keys.customer, { body: { question: INTERNAL_QUESTION } });
    const jsonText = await json.text();
    expect(json.status, jsonText).toBe(200);
    const answer = JSON.parse(jsonText) as { citations: { title: string }[]; cached: boolean };
    expect(answer.cached).toBe(false);
    expect(jsonText).not.toContain(INTERNAL_MARKER);
    expect(answer.citations.map((c) => c.title)).not.toContain(INTERNAL_TITLE);

    const sse = await call('/v1/answer', h.keys.customer, {
      body: { question: INTERNAL_QUESTION },
      accept: 'text/event-stream',
    });
    const events = parseSse(await sse.text());
    expect(events.map((e) => e.event)).toContain('done');
    expect(JSON.stringify(events)).not.toContain(INTERNAL_MARKER);
    expect(JSON.stringify(events)).not.toContain(INTERNAL_TITLE);
  });

  it("cannot read an agent's logged answer by its id", async () => {
    const agent = (await (
      await call('/v1/answer', h.keys.agent, { body: { question: INTERNAL_QUESTION } })
    ).json()) as {
      id: string;
    };
    const response = await call(`/v1/answers/${agent.id}`, h.keys.customer, { method: 'GET' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(INTERNAL_MARKER);
    // The agent can, so the 404 is about the audience.
    expect((await call(`/v1/answers/${agent.id}`, h.keys.agent, { method: 'GET' })).status).toBe(200);
  });

  it('a cached customer answer is not served once an article it cites turns internal', async () => {
    const question = 'how long does standard shipping take?';
    const first = (await (await call('/v1/answer', h.keys.customer, { body: { question } })).json()) as {
      citations: { title: string }[];
    };
    expect(first.citations.map((c) => c.title)).toContain('Shipping times');
    const again = (await (await call('/v1/answer', h.keys.customer, { body: { question } })).json()) as {
      cached: boolean;
    };
    expect(again.cached).toBe(true);
    const put = await call('/v1/articles/help/shipping', h.keys.agent, {
      method: 'PUT',
      body: {
        title: 'Shipping times',
        body: 'Standard shipping takes 3 to 5 business days.',
        visibility: 'internal',
      },
    });
    expect(put.status).toBe(200);
    const after = await (await call('/v1/answer', h.keys.customer, { body: { question } })).text();
    expect(after).not.toContain('Shipping times');
    expect(after).not.toContain('3 to 5 business days');
  });

  it('is refused (403) on every admin operation, and cannot widen its audience through the body or query', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const adminOperations = (await documentedOperations(h.app)).filter((op) =>
      doc.paths[op.path]?.[op.method.toLowerCase()]?.security?.some((s) => s.apiKey?.includes('admin')),
    );
    expect(adminOperations.length).toBeGreaterThanOrEqual(8);
    for (const op of adminOperations) {
      const path = op.path.replace('{source}', 'help').replace(/\{[^}]+\}/g, 'codewords');
      const response = await call(path, h.keys.customer, {
        method: op.method,
        ...(op.method === 'GET' || op.method === 'DELETE'
          ? {}
          : { body: { articles: [{ externalId: 'x', title: 'x', body: 'x' }] } }),
      });
      expect(response.status, `${op.method} ${path}`).toBe(403);
      expect(await response.text()).not.toContain(INTERNAL_MARKER);
    }
    const asAgent = await call('/v1/answer?audience=agent', h.keys.customer, {
      body: { question: INTERNAL_QUESTION, audience: 'agent' },
    });
    expect(asAgent.status).toBe(400);
    expect(await asAgent.text()).toContain('audience');
    // The internal article is still there and still internal.
    const { rows } = await h.db.pool.query<{ visibility: string }>(
      "SELECT visibility FROM articles WHERE external_id = 'codewords'",
    );
    expect(rows).toEqual([{ visibility: 'internal' }]);
  });
});
