import type { webApi } from '@slack/bolt';
import { PLACEHOLDER_TEXT } from '../blocks/notices.js';
import type { SlackMessage } from '../blocks/slack-types.js';

type WebClient = webApi.WebClient;
type ChatStreamer = ReturnType<WebClient['chatStream']>;

/** Where a reply goes: always a thread (an @mention is never answered in the channel root). */
export interface ReplyTarget {
  channelId: string;
  threadTs: string;
  userId: string;
  teamId: string | undefined;
}

/** Writes one reply: streamed text as it comes, then the final message in its place. */
export interface ReplyWriter {
  /** Posts the placeholder at once when not streaming, so the asker sees the bot at work. */
  start(): Promise<void>;
  append(text: string): Promise<void>;
  /** Streamed text so far is void (the model failed mid-answer); the final message replaces it. */
  reset(): void;
  finish(message: SlackMessage): Promise<{ ts: string; mode: 'stream' | 'update' }>;
}

/** Timing of the writer; defaults suit Slack's rate limits. */
export interface ReplyWriterOptions {
  now?: () => number;
  /** Streaming: appends are batched to at most one per this many ms (the first goes at once). */
  streamIntervalMs?: number;
  /** Fallback: chat.update of the placeholder at most once per this many ms (Slack allows ~1/s). */
  updateIntervalMs?: number;
  /** 'update' when streaming is known not to work here: skip straight to the placeholder. */
  initialMode?: 'stream' | 'update';
  /** Told when streaming turned out unavailable (not just expired), to start later replies in 'update'. */
  onStreamingUnavailable?: (code: string) => void;
}

// Errors after which streaming is given up for this reply: the stream expired, or the workspace
// or token cannot stream at all.
const STREAM_UNAVAILABLE = new Set([
  'message_not_in_streaming_state',
  'unknown_method',
  'method_deprecated',
  'not_allowed_token_type',
  'missing_scope',
  'feature_not_enabled',
  'team_not_allowed',
  'streaming_not_supported',
]);

/** The Web API error code of a failed call (`data.error`), or undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * A reply streamed with web-api's chatStream (chat.startStream / appendStream / stopStream),
 * batched so appends are not per token. When streaming is unavailable or the stream expires
 * (`message_not_in_streaming_state`), it falls back to a placeholder message edited with
 * chat.update at most once a second. The final message (whole answer, sources, buttons) always
 * replaces what was streamed: grounding may have removed a sentence the stream already showed.
 */
export function createReplyWriter(
  client: WebClient,
  target: ReplyTarget,
  options: ReplyWriterOptions = {},
): ReplyWriter {
  const now = options.now ?? Date.now;
  const streamInterval = options.streamIntervalMs ?? 400;
  const updateInterval = options.updateIntervalMs ?? 1000;
  let mode: 'stream' | 'update' = options.initialMode ?? 'stream';
  let streamer: ChatStreamer | undefined;
  let ts: string | undefined;
  let shown = '';
  let pending = '';
  let lastSent = Number.NEGATIVE_INFINITY;

  async function sendStream(): Promise<void> {
    streamer ??= client.chatStream({
      channel: target.channelId,
      thread_ts: target.threadTs,
      recipient_user_id: target.userId,
      ...(target.teamId ? { recipient_team_id: target.teamId } : {}),
      // Batching is ours (by time); each append we make goes out at once.
      buffer_size: 1,
    });
    try {
      await streamer.append({ markdown_text: pending });
      ts = streamer.ts ?? ts;
      shown += pending;
      pending = '';
    } catch (error) {
      ts = streamer.ts ?? ts;
      const code = slackErrorCode(error) ?? '';
      if (!STREAM_UNAVAILABLE.has(code)) throw error;
      if (code !== 'message_not_in_streaming_state') options.onStreamingUnavailable?.(code);
      mode = 'update';
      await sendUpdate();
    }
  }

  async function sendUpdate(): Promise<void> {
    const text = shown + pending;
    if (ts === undefined) {
      const posted = await client.chat.postMessage({
        channel: target.channelId,
        thread_ts: target.threadTs,
        text: text === '' ? PLACEHOLDER_TEXT : text,
      });
      ts = posted.ts;
    } else if (text !== '') {
      await client.chat.update({ channel: target.channelId, ts, text });
    }
    shown = text;
    pending = '';
  }

  return {
    async start() {
      if (mode === 'update') await sendUpdate();
    },
    async append(text) {
      pending += text;
      const interval = mode === 'stream' ? streamInterval : updateInterval;
      if (pending.trim() === '' || now() - lastSent < interval) return;
      lastSent = now();
      if (mode === 'stream') await sendStream();
      else await sendUpdate();
    },
    reset() {
      pending = '';
    },
    async finish(message) {
      if (streamer !== undefined && mode === 'stream') {
        try {
          await streamer.stop();
          ts = streamer.ts ?? ts;
        } catch (error) {
          // An expired stream is still a message: the update below gives it its final content.
          if (!STREAM_UNAVAILABLE.has(slackErrorCode(error) ?? '')) throw error;
          ts = streamer.ts ?? ts;
        }
      }
      if (ts === undefined) {
        const posted = await client.chat.postMessage({
          channel: target.channelId,
          thread_ts: target.threadTs,
          ...message,
        });
        return { ts: posted.ts ?? '', mode };
      }
      await client.chat.update({ channel: target.channelId, ts, ...message });
      return { ts, mode };
    },
  };
}
