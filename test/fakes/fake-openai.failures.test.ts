import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';
import { collectStream, createFakeChatModel, createFakeEmbeddings } from './fake-openai-clients.js';

// These tests pin down what each scripted failure looks like to ChatOpenAI, so the copilot's
// degraded path can be written against known error shapes.
const CHAT = '/v1/chat/completions';
const TEXT = 'one two three four five six';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('scripted 5xx', () => {
  it('surfaces a 500 as the SDK InternalServerError with its status, without retrying', async () => {
    fake.script({ kind: 'error' });

    const error = await createFakeChatModel(fake)
      .invoke('hi')
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 500, message: '500 Scripted failure (500)' });
    expect(error?.constructor.name).toBe('InternalServerError');
    expect(fake.calls(CHAT)).toBe(1);
  });

  it('fails a stream the same way, before any chunk', async () => {
    fake.script({ kind: 'error', status: 503, message: 'overloaded' });

    const { chunks, error } = await collectStream(createFakeChatModel(fake, { streaming: true }), 'hi');

    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ status: 503, message: '503 overloaded' });
  });

  it('succeeds on the retry when maxRetries allows one', async () => {
    fake.script({ kind: 'error' }, { kind: 'reply', text: 'second time lucky' });

    const message = await createFakeChatModel(fake, { maxRetries: 1 }).invoke('hi');

    expect(message.content).toBe('second time lucky');
    expect(fake.calls(CHAT)).toBe(2);
  });

  it('surfaces a 500 from /v1/embeddings with its status', async () => {
    fake.scriptEmbeddings({ kind: 'error' });

    await expect(createFakeEmbeddings(fake).embedQuery('hi')).rejects.toMatchObject({ status: 500 });
  });
});

describe('scripted hang', () => {
  it('surfaces as TimeoutError "Request timed out." when the client sets timeout', async () => {
    fake.script({ kind: 'hang' });

    await expect(createFakeChatModel(fake, { timeout: 300 }).invoke('hi')).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'Request timed out.',
    });
  });

  it('times out a stream whose headers never came', async () => {
    fake.script({ kind: 'hang' });

    const { error } = await collectStream(createFakeChatModel(fake, { streaming: true, timeout: 300 }), 'hi');

    expect(error).toMatchObject({ name: 'TimeoutError', message: 'Request timed out.' });
  });

  it('does not apply the client timeout once stream headers arrived, so a slow first token completes', async () => {
    // The SDK clears its timer when the response headers arrive; the caller needs its own deadline (a signal).
    fake.script({ kind: 'reply', text: 'late but whole', firstTokenDelayMs: 600 });

    const { text, error } = await collectStream(createFakeChatModel(fake, { streaming: true, timeout: 200 }), 'hi');

    expect(error).toBeUndefined();
    expect(text).toBe('late but whole');
  });
});

describe('scripted cut', () => {
  it('yields the chunks sent, then throws TypeError "terminated" when the socket drops', async () => {
    fake.script({ kind: 'cut', text: TEXT, chunks: 6, afterChunks: 2 });

    const { text, error } = await collectStream(createFakeChatModel(fake, { streaming: true }), 'hi');

    expect(text).toBe('one two ');
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'terminated', cause: { message: 'other side closed' } });
  });

  it('throws TypeError "terminated" for a JSON body cut midway', async () => {
    fake.script({ kind: 'cut', text: TEXT });

    await expect(createFakeChatModel(fake).invoke('hi')).rejects.toThrow(new TypeError('terminated'));
  });

  it('ends without an error but incomplete when the stream closes cleanly before [DONE]', async () => {
    fake.script({ kind: 'cut', text: TEXT, afterChunks: 3, ending: 'end' });

    const { chunks, text, error } = await collectStream(createFakeChatModel(fake, { streaming: true }), 'hi');

    expect(error).toBeUndefined();
    expect(text).toBe('one two three ');
    // The only sign of truncation: no chunk carries a finish_reason (nor usage).
    expect(chunks.some((chunk) => chunk.response_metadata.finish_reason !== undefined)).toBe(false);
    expect(chunks.some((chunk) => chunk.usage_metadata !== undefined)).toBe(false);
  });

  it('needs the caller signal to end a stream that stalls after some chunks', async () => {
    fake.script({ kind: 'cut', text: TEXT, afterChunks: 1, ending: 'stall' });
    const model = createFakeChatModel(fake, { streaming: true, timeout: 200 });

    const { text, error } = await collectStream(model, 'hi', { signal: AbortSignal.timeout(300) });

    expect(text).toBe('one ');
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'The operation was aborted due to timeout' });
  });
});

describe('scripted malformed JSON', () => {
  it('throws a SyntaxError for a JSON body', async () => {
    fake.script({ kind: 'malformed' });

    await expect(createFakeChatModel(fake).invoke('hi')).rejects.toThrow(SyntaxError);
  });

  it('throws "malformed server-sent event JSON" for a stream', async () => {
    fake.script({ kind: 'malformed' });
    // The SDK logs the bad chunk through its logger before throwing; keep the test output quiet.
    const model = createFakeChatModel(fake, { streaming: true, configuration: { logLevel: 'off' } });

    const { error } = await collectStream(model, 'hi');

    expect(error).toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ message: 'Error reading response: malformed server-sent event JSON.' });
  });
});
