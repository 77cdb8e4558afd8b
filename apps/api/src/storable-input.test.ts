import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postJson, type TestApp } from './test-app.js';

// Input that passes its schema but that Postgres cannot store (a NUL character) or that would
// overflow the stack of the next JSON.stringify (thousands of levels deep) used to end as a 500.
describe('input the database could not store', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  const errorOf = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as { error: { message: string } }).error,
  });

  it('a NUL character in a path parameter, a question or a nested field is a 400 naming the field', async () => {
    const del = await test.app.request('/v1/articles/help/a%00b', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${test.keys.agent}` },
    });
    expect(await errorOf(del)).toMatchObject({
      status: 400,
      message: 'externalId: must not contain a NUL character (U+0000)',
    });
    const answer = await postJson(test.app, '/v1/answer', { question: 'refund\u0000?' }, test.keys.agent);
    expect(await errorOf(answer)).toMatchObject({
      status: 400,
      message: 'question: must not contain a NUL character (U+0000)',
    });
    const reindex = await postJson(
      test.app,
      '/v1/sources/help/reindex',
      { articles: [{ externalId: 'x', title: 't', body: 'b', extra: { note: '\u0000' } }] },
      test.keys.agent,
    );
    expect(await errorOf(reindex)).toMatchObject({
      status: 400,
      message: 'articles.0.extra.note: must not contain a NUL character (U+0000)',
    });
  });

  it('an unpaired surrogate (valid JSON, not Unicode) in a queued upload or an article is a 400 naming the field', async () => {
    // Hand-written JSON: "\udfff" is a legal JSON escape that decodes to half a surrogate pair.
    const reindex = await postJson(
      test.app,
      '/v1/sources/help/reindex',
      '{"articles":[{"externalId":"x","title":"t","body":"b\\udfff\\ud800"}]}',
      test.keys.agent,
    );
    expect(await errorOf(reindex)).toMatchObject({
      status: 400,
      message: 'articles.0.body: must not contain an unpaired UTF-16 surrogate (not valid Unicode)',
    });
    const put = await test.app.request('/v1/articles/help/x', {
      method: 'PUT',
      headers: { authorization: `Bearer ${test.keys.agent}`, 'content-type': 'application/json' },
      body: '{"title":"Re\\ud800funds","body":"Refunds take 5 days."}',
    });
    expect(await errorOf(put)).toMatchObject({ status: 400, message: expect.stringMatching(/^title: /) });
    // A whole pair is one character, stored as written.
    const emoji = await postJson(
      test.app,
      '/v1/sources/help/reindex',
      { articles: [{ externalId: 'y', title: 'Refunds \u{1F4B8}', body: 'Refunds take 5 days.' }] },
      test.keys.agent,
    );
    expect(emoji.status).toBe(202);
  });

  it('a body nested thousands of levels deep is a 400, and so is an NDJSON line holding a NUL', async () => {
    const deep = `{"articles":[{"externalId":"x","title":"t","body":"b","extra":${'['.repeat(50_000)}${']'.repeat(50_000)}}]}`;
    const reindex = await postJson(test.app, '/v1/sources/help/reindex', deep, test.keys.agent);
    expect(await errorOf(reindex)).toMatchObject({ status: 400 });
    expect(
      (await errorOf(await postJson(test.app, '/v1/sources/help/reindex', deep, test.keys.agent))).message,
    ).toMatch(/^articles\.0\.extra(\.0)+: nested deeper than 32 levels$/);
    const ndjson = `${JSON.stringify({ externalId: 'ok', title: 'Fine', body: 'Fine.' })}\n${JSON.stringify({ externalId: 'x\u0000', title: 't', body: 'b' })}`;
    const bulk = await postJson(test.app, '/v1/articles/bulk', ndjson, test.keys.agent, {
      'content-type': 'application/x-ndjson',
    });
    expect(await errorOf(bulk)).toMatchObject({ status: 400 });
  });
});
