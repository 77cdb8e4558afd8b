import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildChunk,
  buildCompletion,
  buildError,
  buildUsage,
  type ChatMessage,
  embeddingInputs,
  embedText,
  encodeBase64Vector,
  messageText,
  splitText,
  sseEvent,
  type Usage,
} from './fake-openai-wire.js';
import { readBody, sendJson } from './http-helpers.js';

export type { ChatMessage, Usage } from './fake-openai-wire.js';

/** What a reply function sees: the messages, all their text joined (to look for sources), and the raw body. */
export interface ChatRequest {
  messages: ChatMessage[];
  prompt: string;
  body: Record<string, unknown>;
}

/** The reply text, fixed or computed from the request (to cite the sources found in the prompt). */
export type ReplyText = string | ((request: ChatRequest) => string);

/** One scripted behaviour of /v1/chat/completions; each call takes the next one from the queue. */
export type ChatStep =
  /**
   * Answers normally: JSON, or SSE split into `chunks` (default: one per word) when the body has `stream: true`.
   * SSE headers go out at once and `firstTokenDelayMs` runs after them, so the SDK `timeout` (which stops at
   * the headers) does not cover it; a JSON reply waits `firstTokenDelayMs` before anything is sent.
   */
  | {
      kind: 'reply';
      text: ReplyText;
      chunks?: number;
      firstTokenDelayMs?: number;
      chunkDelayMs?: number;
      usage?: Usage;
    }
  /** Responds with `status` (default 500) and an OpenAI error body. */
  | { kind: 'error'; status?: number; message?: string }
  /** Never responds; the socket stays open until the client gives up or the fake closes. */
  | { kind: 'hang' }
  /**
   * Sends `afterChunks` of the reply (default: half; for JSON, half the body), never `[DONE]`, and then:
   * 'destroy' (default) drops the socket, 'end' closes the response cleanly, 'stall' keeps it open silently.
   */
  | { kind: 'cut'; text: ReplyText; chunks?: number; afterChunks?: number; ending?: 'destroy' | 'end' | 'stall' }
  /** Answers 200 with a body (or an SSE event) that is not valid JSON. */
  | { kind: 'malformed' };

/** One scripted behaviour of /v1/embeddings; the default, when the queue is empty, is a normal answer. */
export type EmbeddingsStep = Extract<ChatStep, { kind: 'error' | 'hang' | 'malformed' }>;

export interface FakeOpenAIOptions {
  /** Used when the chat script is empty. */
  defaultReply?: ReplyText;
  /** Delay before the first token of a default reply (benchmarks model latency). */
  defaultFirstTokenDelayMs?: number;
  /** Vector size when the request has no `dimensions`. */
  dimensions?: number;
  /** Delay before every unscripted embeddings reply: a re-index then takes long enough to interrupt it. */
  embeddingsDelayMs?: number;
}

/** A request as the fake received it; `body` is the parsed JSON, or the raw text when it was not JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface FakeOpenAI {
  /** Base URL ending in /v1: pass it as OPENAI_BASE_URL or `configuration.baseURL`. */
  url: string;
  /** Stops the server and destroys open sockets, so hanging requests do not hold it open. */
  close(): Promise<void>;
  /** Queues behaviours for the next chat completion calls, in order. */
  script(...steps: ChatStep[]): void;
  /** Queues behaviours for the next embeddings calls, in order. */
  scriptEmbeddings(...steps: EmbeddingsStep[]): void;
  /** Every request received, in order, including rejected ones. */
  readonly requests: readonly RecordedRequest[];
  /** How many requests arrived for `path` (e.g. '/v1/chat/completions'). */
  calls(path: string): number;
  /** The most chat completions that were open at the same time (request in, response not yet closed). */
  readonly peakConcurrentChats: number;
  /** Forgets recorded requests and empties both scripts, for reuse across tests in one file. */
  reset(): void;
}

const CHAT_PATH = '/v1/chat/completions';
const EMBEDDINGS_PATH = '/v1/embeddings';

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 (port 0) for @langchain/openai and the openai SDK.
 * @example
 * const fake = await startFakeOpenAI();
 * fake.script({ kind: 'reply', text: 'Reset it from Settings [1].', chunks: 3, firstTokenDelayMs: 300 });
 * const model = new ChatOpenAI({ model: 'fake-model', apiKey: 'test', configuration: { baseURL: fake.url } });
 * await fake.close();
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const defaultReply = options.defaultReply ?? 'This is a fake answer.';
  const defaultDimensions = options.dimensions ?? 8;
  const chatQueue: ChatStep[] = [];
  const embeddingsQueue: EmbeddingsStep[] = [];
  const requests: RecordedRequest[] = [];
  // Aborted by close() so that pending delays stop instead of writing to destroyed sockets.
  const lifetime = new AbortController();
  let completionCount = 0;
  let openChats = 0;
  let peakConcurrentChats = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, buildError(`fake-openai: ${String(error)}`, 'server_error'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = parseJson(raw);
    requests.push({ method: req.method ?? 'GET', path, body: body ?? raw, headers: req.headers });

    // The SDK always sends the key as a bearer token; a missing one means the app wired the client wrongly.
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return sendJson(res, 401, buildError('Missing bearer authentication in header', 'invalid_request_error'));
    }
    if (req.method === 'POST' && path === CHAT_PATH) {
      openChats++;
      peakConcurrentChats = Math.max(peakConcurrentChats, openChats);
      res.once('close', () => openChats--);
      return handleChat(res, asRecord(body));
    }
    if (req.method === 'POST' && path === EMBEDDINGS_PATH) return handleEmbeddings(res, asRecord(body));
    return sendJson(
      res,
      404,
      buildError(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'),
    );
  }

  async function handleChat(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const step = chatQueue.shift() ?? {
      kind: 'reply',
      text: defaultReply,
      ...(options.defaultFirstTokenDelayMs ? { firstTokenDelayMs: options.defaultFirstTokenDelayMs } : {}),
    };
    if (step.kind === 'error' || step.kind === 'hang' || step.kind === 'malformed') {
      return failWith(res, step, body.stream === true);
    }
    const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
    const prompt = messages.map(messageText).join('\n');
    const text = typeof step.text === 'function' ? step.text({ messages, prompt, body }) : step.text;
    const model = typeof body.model === 'string' ? body.model : 'fake-model';
    const id = `chatcmpl-fake-${++completionCount}`;
    const usage = (step.kind === 'reply' ? step.usage : undefined) ?? buildUsage(prompt, text);
    const signal = requestSignal(res);

    if (body.stream !== true) {
      const completion = buildCompletion(id, model, text, usage);
      if (step.kind === 'cut') {
        const json = JSON.stringify(completion);
        // Only a destroyed socket may promise a length it never sends; 'end' must look like a short, valid HTTP body.
        const ending = step.ending ?? 'destroy';
        const length = ending === 'end' ? {} : { 'content-length': Buffer.byteLength(json) };
        res.writeHead(200, { 'content-type': 'application/json', ...length });
        res.write(json.slice(0, Math.floor(json.length / 2)));
        return finishCut(res, ending);
      }
      if (!(await pause(step.firstTokenDelayMs, signal))) return;
      return sendJson(res, 200, completion);
    }

    const pieces = splitText(text, step.chunks);
    const includeUsage = asRecord(body.stream_options).include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Headers first, as OpenAI does: the client sees the response start before the first token.
    res.flushHeaders();
    if (step.kind === 'reply' && !(await pause(step.firstTokenDelayMs, signal))) return;
    res.write(sseEvent(buildChunk(id, model, { delta: { role: 'assistant', content: '' }, finish_reason: null })));
    const sendCount = step.kind === 'cut' ? (step.afterChunks ?? Math.floor(pieces.length / 2)) : pieces.length;
    for (const [i, piece] of pieces.slice(0, sendCount).entries()) {
      if (i > 0 && step.kind === 'reply' && !(await pause(step.chunkDelayMs, signal))) return;
      res.write(sseEvent(buildChunk(id, model, { delta: { content: piece }, finish_reason: null })));
    }
    if (step.kind === 'cut') return finishCut(res, step.ending ?? 'destroy');
    res.write(sseEvent(buildChunk(id, model, { delta: {}, finish_reason: 'stop' })));
    if (includeUsage) res.write(sseEvent(buildChunk(id, model, null, usage)));
    res.end(sseEvent('[DONE]'));
  }

  async function handleEmbeddings(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const step = embeddingsQueue.shift();
    if (step) {
      failWith(res, step, false);
      return;
    }
    if (options.embeddingsDelayMs && !(await pause(options.embeddingsDelayMs, requestSignal(res)))) return;
    const requested = body.dimensions;
    const dimensions =
      typeof requested === 'number' && Number.isInteger(requested) && requested > 0 ? requested : defaultDimensions;
    const base64 = body.encoding_format === 'base64';
    const inputs = embeddingInputs(body.input);
    const data = inputs.map((text, index) => {
      const vector = embedText(text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? encodeBase64Vector(vector) : vector };
    });
    const promptTokens = inputs.reduce((sum, text) => sum + buildUsage(text, '').prompt_tokens, 0);
    sendJson(res, 200, {
      object: 'list',
      data,
      model: typeof body.model === 'string' ? body.model : 'fake-embedding',
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  }

  function failWith(res: ServerResponse, step: EmbeddingsStep, stream: boolean): void {
    if (step.kind === 'hang') return;
    if (step.kind === 'error') {
      const status = step.status ?? 500;
      const type = status >= 500 ? 'server_error' : 'invalid_request_error';
      sendJson(res, status, buildError(step.message ?? `Scripted failure (${status})`, type));
      return;
    }
    if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(`data: {"id": "chatcmpl-fake", "choices": [{\n\n${sseEvent('[DONE]')}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "chatcmpl-fake", "object": "chat.completion", "choices": [');
  }

  // Aborts when the client goes away or the fake closes, so a slow scripted reply stops early.
  function requestSignal(res: ServerResponse): AbortSignal {
    const controller = new AbortController();
    res.once('close', () => controller.abort());
    return AbortSignal.any([controller.signal, lifetime.signal]);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...steps) => {
      chatQueue.push(...steps);
    },
    scriptEmbeddings: (...steps) => {
      embeddingsQueue.push(...steps);
    },
    calls: (path) => requests.filter((request) => request.path === path).length,
    get peakConcurrentChats() {
      return peakConcurrentChats;
    },
    reset: () => {
      requests.length = 0;
      peakConcurrentChats = openChats;
      chatQueue.length = 0;
      embeddingsQueue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        lifetime.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging and streaming requests keep their sockets open; without this close() would wait for the client.
        server.closeAllConnections();
      }),
  };
}

// destroySoon, not destroy: the chunks already written must reach the client before the connection drops.
function finishCut(res: ServerResponse, ending: 'destroy' | 'end' | 'stall'): void {
  // Node 24 holds a response's writes corked until the next tick; destroying the socket before
  // then would drop the chunks this step promises were sent.
  if (ending === 'destroy') setImmediate(() => res.socket?.destroySoon());
  else if (ending === 'end') res.end();
}

/** Waits `ms` (if any); false when the request or the fake went away meanwhile, so the caller stops writing. */
async function pause(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (ms !== undefined && ms > 0) await sleep(ms, undefined, { signal }).catch(() => undefined);
  return !signal.aborted;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
