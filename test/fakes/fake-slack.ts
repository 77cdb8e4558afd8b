import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from './http-helpers.js';

/** One Web API call (or response_url post) as the fake received it. */
export interface SlackCall {
  /** The Web API method (`chat.postMessage`), or `response_url` for a post to a response URL. */
  method: string;
  /** The arguments: form fields (JSON-looking values parsed) or the JSON body. */
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the fake answered (response_url posts: `{ ok: true }`). */
  response: Record<string, unknown>;
}

/** A scripted reply: an error code for the next call(s) of a method, or a whole custom body. */
export type SlackScript = { error: string; times?: number } | { body: Record<string, unknown>; times?: number };

export interface FakeSlackOptions {
  /** Channels conversations.info reports as shared with another organisation (Slack Connect). */
  sharedChannels?: string[];
  /** What auth.test says about the bot. */
  bot?: { userId: string; botId: string; teamId: string };
  /** Streaming methods answer `unknown_method`, as in a workspace without them. */
  streaming?: boolean;
}

/** A fake Slack Web API on 127.0.0.1: records every call and answers the methods the bot uses. */
export interface FakeSlack {
  /** Base URL of the server. */
  url: string;
  /** Pass as `clientOptions.slackApiUrl` (SLACK_API_URL): ends in `/api/`. */
  apiUrl: string;
  /** A response_url the fake accepts (slash commands and actions carry one). */
  responseUrl(id: string): string;
  readonly calls: readonly SlackCall[];
  /** The calls of one method, in order. */
  callsTo(method: string): SlackCall[];
  /** Queues replies for the next calls of `method`. */
  script(method: string, ...steps: SlackScript[]): void;
  /** Where apps.connections.open points Socket Mode clients. */
  setSocketUrl(url: string): void;
  /** Resolves once `predicate` holds for the recorded calls (polling), or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const STREAM_METHODS = new Set(['chat.startStream', 'chat.appendStream', 'chat.stopStream']);

/**
 * Starts the fake on port 0.
 * @example
 * const slack = await startFakeSlack();
 * slack.script('chat.appendStream', { error: 'message_not_in_streaming_state' });
 * new App({ token: 'xoxb-test', clientOptions: { slackApiUrl: slack.apiUrl }, ... });
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const bot = options.bot ?? { userId: 'UBOT', botId: 'BBOT', teamId: 'T0001' };
  const shared = new Set(options.sharedChannels ?? []);
  const calls: SlackCall[] = [];
  const scripts = new Map<string, SlackScript[]>();
  let socketUrl = '';
  let tsCounter = 0;
  // Each message ts is unique and increasing, as Slack's are.
  const nextTs = () =>
    `${1_750_000_000 + Math.floor(tsCounter / 1000)}.${String(++tsCounter % 1_000_000).padStart(6, '0')}`;

  function reply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const queue = scripts.get(method);
    const step = queue?.[0];
    if (queue && step) {
      if ((step.times ?? 1) <= 1) queue.shift();
      else step.times = (step.times ?? 1) - 1;
      return 'error' in step ? { ok: false, error: step.error } : step.body;
    }
    if (options.streaming === false && STREAM_METHODS.has(method)) return { ok: false, error: 'unknown_method' };
    const channel = args.channel ?? args.channel_id;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'copilot',
          team_id: bot.teamId,
          user_id: bot.userId,
          bot_id: bot.botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
        return { ok: true, channel, ts: nextTs(), message: { text: args.text, user: bot.userId, bot_id: bot.botId } };
      case 'chat.update':
        return { ok: true, channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.startStream':
        return { ok: true, channel, ts: nextTs() };
      case 'chat.appendStream':
      case 'chat.stopStream':
        return { ok: true, channel, ts: args.ts };
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setTitle':
        return { ok: true };
      case 'views.open':
        return { ok: true, view: { id: `V${calls.length}` } };
      case 'conversations.info':
        return { ok: true, channel: { id: channel, is_ext_shared: shared.has(String(channel)) } };
      case 'apps.connections.open':
        return socketUrl === '' ? { ok: false, error: 'no_socket_server' } : { ok: true, url: socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = auth ?? (typeof args.token === 'string' ? args.token : undefined);
    if (path.startsWith('/response/')) {
      calls.push({
        response: { ok: true },
        method: 'response_url',
        args: { ...args, responseId: path.slice('/response/'.length) },
        token,
        at: Date.now(),
      });
      return sendJson(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const response = reply(method, args);
    calls.push({ method, args, token, at: Date.now(), response });
    sendJson(res, 200, response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, { ok: false, error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    script: (method, ...steps) => {
      scripts.set(method, [...(scripts.get(method) ?? []), ...steps.map((s) => ({ ...s }))]);
    },
    setSocketUrl: (next) => {
      socketUrl = next;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const started = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - started > timeoutMs)
          throw new Error(
            `fake-slack: condition not met after ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    reset: () => {
      calls.length = 0;
      scripts.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// The Web API client posts forms whose structured values (blocks, chunks) are JSON strings.
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
