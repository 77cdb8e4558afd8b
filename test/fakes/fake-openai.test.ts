import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';
import { collectStream, createFakeChatModel, createFakeEmbeddings } from './fake-openai-clients.js';

const CHAT = '/v1/chat/completions';
const EMBEDDINGS = '/v1/embeddings';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function cosine(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0) / (Math.hypot(...a) * Math.hypot(...b));
}

describe('startFakeOpenAI with ChatOpenAI', () => {
  it('answers invoke with the default reply, usage and the bearer token recorded', async () => {
    const message = await createFakeChatModel(fake).invoke('How do I reset my password?');

    expect(message.content).toBe('This is a fake answer.');
    expect(message.usage_metadata).toMatchObject({ input_tokens: 6, output_tokens: 5, total_tokens: 11 });
    expect(message.response_metadata).toMatchObject({ finish_reason: 'stop', model_name: 'fake-model' });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: CHAT, headers: { authorization: 'Bearer test' } });
    expect(request?.body).toMatchObject({
      model: 'fake-model',
      messages: [{ role: 'user', content: 'How do I reset my password?' }],
    });
    expect(request?.body).not.toHaveProperty('stream', true);
  });

  it('streams a scripted reply in the requested chunks, with usage on the last chunk', async () => {
    fake.script({ kind: 'reply', text: 'Open Settings, then choose Reset [1].', chunks: 3 });

    const { chunks, text, error } = await collectStream(createFakeChatModel(fake, { streaming: true }), 'reset?');

    expect(error).toBeUndefined();
    expect(text).toBe('Open Settings, then choose Reset [1].');
    expect(chunks.filter((chunk) => chunk.content !== '')).toHaveLength(3);
    expect(chunks.at(-1)?.usage_metadata).toMatchObject({ input_tokens: 1, output_tokens: 6, total_tokens: 7 });
    expect(fake.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('leaves usage out of the stream when streamUsage is false', async () => {
    const model = createFakeChatModel(fake, { streaming: true, streamUsage: false });

    const { chunks, text } = await collectStream(model, 'hello');

    expect(text).toBe('This is a fake answer.');
    expect(chunks.some((chunk) => chunk.usage_metadata !== undefined)).toBe(false);
    expect(fake.requests[0]?.body).not.toHaveProperty('stream_options');
  });

  it('answers from the sources in the prompt through a reply function', async () => {
    // The pattern an e2e test uses to cite exactly the sources the pipeline put in the prompt.
    fake.script({
      kind: 'reply',
      text: ({ prompt }) => {
        const cited = [...prompt.matchAll(/^\[(\d+)\]/gm)].map((match) => `[${match[1]}]`);
        return `Answer citing ${cited.join('')}.`;
      },
    });

    const message = await createFakeChatModel(fake).invoke([
      { role: 'system', content: 'Sources:\n[1] Reset password\n[2] Change email' },
      { role: 'user', content: 'How do I reset?' },
    ]);

    expect(message.content).toBe('Answer citing [1][2].');
  });

  it('uses the script in order, then the default reply', async () => {
    fake.script({ kind: 'reply', text: 'first' }, { kind: 'reply', text: 'second' });
    const model = createFakeChatModel(fake);

    const replies = [await model.invoke('a'), await model.invoke('b'), await model.invoke('c')];

    expect(replies.map((reply) => reply.content)).toEqual(['first', 'second', 'This is a fake answer.']);
    expect(fake.calls(CHAT)).toBe(3);
  });

  it('still delivers every chunk when the first token and the chunks are delayed', async () => {
    fake.script({ kind: 'reply', text: 'slow but complete', firstTokenDelayMs: 50, chunkDelayMs: 10 });

    const { text, error } = await collectStream(createFakeChatModel(fake, { streaming: true }), 'hi');

    expect(error).toBeUndefined();
    expect(text).toBe('slow but complete');
  });
});

describe('startFakeOpenAI with OpenAIEmbeddings', () => {
  it('returns unit vectors of the requested dimensions, sent as base64 by default', async () => {
    const vectors = await createFakeEmbeddings(fake, { dimensions: 16 }).embedDocuments(['reset password', 'refund']);

    expect(vectors.map((vector) => vector.length)).toEqual([16, 16]);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(fake.requests[0]?.body).toMatchObject({ dimensions: 16, encoding_format: 'base64' });
  });

  it('returns the same numbers as floats when asked, with 8 dimensions by default', async () => {
    const fromBase64 = await createFakeEmbeddings(fake).embedQuery('reset my password');
    const fromFloat = await createFakeEmbeddings(fake, { encodingFormat: 'float' }).embedQuery('reset my password');

    expect(fromFloat).toHaveLength(8);
    expect(fake.requests[1]?.body).toMatchObject({ encoding_format: 'float' });
    // float32 on the base64 path loses precision that the JSON floats keep.
    fromFloat.forEach((value, i) => {
      expect(fromBase64[i]).toBeCloseTo(value, 6);
    });
  });

  it('puts texts that share words closer together', async () => {
    const [a, b, c] = await createFakeEmbeddings(fake, { dimensions: 64 }).embedDocuments([
      'reset your password from settings',
      'password reset settings',
      'invoices are emailed monthly',
    ]);

    expect(cosine(a ?? [], b ?? [])).toBeGreaterThan(cosine(a ?? [], c ?? []));
    expect(fake.calls(EMBEDDINGS)).toBe(1);
  });
});

describe('startFakeOpenAI over plain HTTP', () => {
  it('rejects an unknown path with a 404 JSON error', async () => {
    const res = await fetch(`${fake.url}/models`, { headers: { authorization: 'Bearer test' } });

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'unknown_url', message: 'Unknown request URL: GET /v1/models' },
    });
    expect(fake.calls('/v1/models')).toBe(1);
  });

  it('rejects a request without a bearer token with 401 and records it', async () => {
    const res = await fetch(`${fake.url}/chat/completions`, { method: 'POST', body: '{}' });

    expect(res.status).toBe(401);
    expect(fake.requests[0]).toMatchObject({ path: CHAT, body: {} });
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('closes while a request hangs, and the hanging request fails', async () => {
    const own = await startFakeOpenAI();
    own.script({ kind: 'hang' });
    const pending = fetch(`${own.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test' },
      body: JSON.stringify({ model: 'fake-model', messages: [] }),
    });
    while (own.calls(CHAT) === 0) await new Promise((resolve) => setImmediate(resolve));

    await own.close();

    await expect(pending).rejects.toThrow(TypeError);
  });
});
