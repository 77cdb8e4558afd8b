import { readServerEvents } from './sse.js';

/** A numbered source of an answer (the fields the widget shows). */
export interface Citation {
  n: number;
  title: string;
  url: string | null;
}

/** A finished answer (the fields the widget reads from the `done` event). */
export interface Answer {
  id: string;
  text: string;
  citations: Citation[];
  abstained: boolean;
  grounding: { removed: number };
}

/** One earlier turn, sent with a follow-up question. */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** Where the API is and the key the widget uses. */
export interface ApiTarget {
  apiUrl: string;
  apiKey: string;
}

/** Why a call failed, and so what the reader can do about it. */
export type Failure =
  /** No response at all (offline, DNS, the server is down): retry. */
  | { kind: 'network' }
  /** 5xx, or the stream broke: retry. */
  | { kind: 'server'; message: string }
  /** 429: retry once `retryAfterSeconds` have passed. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** Any other 4xx (unknown key, origin not allowed, bad input): retrying will not help. */
  | { kind: 'refused'; status: number; message: string };

/** Thrown by the calls below. */
export class CallFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** Callbacks while an answer streams in. */
export interface StreamHandlers {
  sources(sources: Citation[]): void;
  delta(text: string): void;
  /** The text so far is void (the model failed midway, or the copilot abstains after all). */
  reset(): void;
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); 5 when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (value === null || value.trim() === '') return 5;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? 5 : Math.max(1, Math.ceil((date - now) / 1000));
}

/** Turns a non-2xx response into a Failure, reading the API's `{error: {message}}` body when there is one. */
export async function failureOf(response: Response): Promise<Failure> {
  if (response.status === 429)
    return { kind: 'rate_limited', retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not the API's JSON (a proxy's error page): the status is all there is.
  }
  return response.status >= 500 ? { kind: 'server', message } : { kind: 'refused', status: response.status, message };
}

// Relative to the API base, so an API served under a path prefix (https://host/support/) works too.
function endpoint(apiUrl: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
}

async function call(
  target: ApiTarget,
  path: string,
  body: unknown,
  accept: string,
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(endpoint(target.apiUrl, path), {
      method: 'POST',
      // x-copilot-client lets the API refuse an agent key pasted into a public page.
      headers: {
        authorization: `Bearer ${target.apiKey}`,
        'content-type': 'application/json',
        accept,
        'x-copilot-client': 'widget',
      },
      body: JSON.stringify(body),
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new CallFailed({ kind: 'network' });
  }
  if (!response.ok) throw new CallFailed(await failureOf(response));
  return response;
}

/** POST /v1/answer as a stream: calls the handlers as events arrive, resolves with the final answer. */
export async function streamAnswer(
  target: ApiTarget,
  request: { question: string; history: Turn[]; filters: { locale?: string } },
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<Answer> {
  const response = await call(target, '/v1/answer', request, 'text/event-stream', signal);
  if (response.body === null) throw new CallFailed({ kind: 'server', message: 'empty response' });
  try {
    for await (const { event, data } of readServerEvents(response.body)) {
      const payload = JSON.parse(data) as Record<string, unknown>;
      if (event === 'sources') handlers.sources(payload.sources as Citation[]);
      else if (event === 'delta') handlers.delta(String(payload.text ?? ''));
      else if (event === 'reset') handlers.reset();
      else if (event === 'done') return payload as unknown as Answer;
      else if (event === 'error') throw new CallFailed({ kind: 'server', message: String(payload.message ?? 'error') });
    }
  } catch (error) {
    if (error instanceof CallFailed || signal?.aborted) throw error;
    throw new CallFailed({ kind: 'network' });
  }
  throw new CallFailed({ kind: 'network' });
}

/** POST /v1/feedback on one answer. */
export async function sendFeedback(target: ApiTarget, answerId: string, helpful: boolean): Promise<void> {
  await call(target, '/v1/feedback', { answerId, helpful }, 'application/json');
}
