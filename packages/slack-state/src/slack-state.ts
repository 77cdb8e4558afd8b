import type { Queryable } from '@support/db';
import { z } from 'zod';
import {
  type ChannelSettings,
  deleteChannel,
  selectChannel,
  selectChannels,
  upsertChannel,
} from './queries/channels.js';
import { deleteOldClaims, insertClaims } from './queries/event-claims.js';
import {
  botAnsweredInThread,
  channelHasTurns,
  insertTurns,
  selectRecentTurns,
  type ThreadTurn,
} from './queries/thread-turns.js';

export type { ChannelSettings } from './queries/channels.js';
export type { ThreadTurn } from './queries/thread-turns.js';

/** A thread: the channel and the ts of its first message. */
export interface ThreadRef {
  channelId: string;
  threadTs: string;
}

/** A change to a channel's settings; absent fields keep their value. */
export const ChannelSettingsUpdate = z
  .object({
    enabled: z.boolean().optional(),
    mentionOnly: z.boolean().optional(),
    tags: z.array(z.string().trim().min(1)).max(50).optional(),
    sources: z.array(z.string().trim().min(1)).max(50).optional(),
    ephemeral: z.boolean().optional(),
  })
  .strict();
export type ChannelSettingsUpdate = z.infer<typeof ChannelSettingsUpdate>;

/** A Slack channel id (C…, G… or D…). */
export const ChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'expected a Slack channel id such as C0123456789');

/** Per-channel settings, as the CLI, the admin API and the bot read and write them. */
export interface ChannelSettingsStore {
  /** The channel's settings, or the defaults when it has none stored. */
  get(channelId: string): Promise<ChannelSettings>;
  list(): Promise<ChannelSettings[]>;
  update(channelId: string, change: ChannelSettingsUpdate): Promise<ChannelSettings>;
  /** Back to the defaults; false when nothing was stored. */
  reset(channelId: string): Promise<boolean>;
}

/** The bot's own state in Postgres: delivery claims, thread transcripts, channel settings. */
export interface SlackState {
  /**
   * Claims a delivery under all its keys (event id, channel + message ts). True for exactly one
   * caller per key set, across processes and restarts, for at least `claimRetentionSeconds`.
   */
  claim(keys: string[]): Promise<boolean>;
  transcript: {
    append(thread: ThreadRef, turns: ThreadTurn[]): Promise<void>;
    recent(thread: ThreadRef, limit: number): Promise<ThreadTurn[]>;
    botAnswered(thread: ThreadRef): Promise<boolean>;
    channelHasTurns(channelId: string): Promise<boolean>;
  };
  channels: ChannelSettingsStore;
}

/** The defaults of a channel with no stored settings. */
export function defaultChannelSettings(channelId: string): ChannelSettings {
  return { channelId, enabled: true, mentionOnly: false, tags: [], sources: [], ephemeral: false };
}

/**
 * Builds the state module on a database.
 * @example const state = createSlackState({ db: pool }); if (await state.claim([`event:${id}`])) answer();
 */
export function createSlackState(deps: {
  db: Queryable;
  now?: () => number;
  /** How long a claim is kept (default one hour; Slack retries for about 5 minutes). */
  claimRetentionSeconds?: number;
}): SlackState {
  const now = deps.now ?? Date.now;
  const retention = deps.claimRetentionSeconds ?? 3600;
  let lastPurge = 0;
  const channels: ChannelSettingsStore = {
    async get(channelId) {
      return (await selectChannel(deps.db, channelId)) ?? defaultChannelSettings(channelId);
    },
    list: () => selectChannels(deps.db),
    async update(channelId, change) {
      const current = await channels.get(channelId);
      const parsed = ChannelSettingsUpdate.parse(change);
      const next: ChannelSettings = { ...current };
      if (parsed.enabled !== undefined) next.enabled = parsed.enabled;
      if (parsed.mentionOnly !== undefined) next.mentionOnly = parsed.mentionOnly;
      if (parsed.tags !== undefined) next.tags = parsed.tags;
      if (parsed.sources !== undefined) next.sources = parsed.sources;
      if (parsed.ephemeral !== undefined) next.ephemeral = parsed.ephemeral;
      return upsertChannel(deps.db, next);
    },
    reset: (channelId) => deleteChannel(deps.db, channelId),
  };
  return {
    async claim(keys) {
      // Purging is cheap but needless on every event: at most once a minute per process.
      if (now() - lastPurge > 60_000) {
        lastPurge = now();
        await deleteOldClaims(deps.db, retention);
      }
      const inserted = await insertClaims(deps.db, [...new Set(keys)]);
      return inserted.length === new Set(keys).size;
    },
    transcript: {
      append: (thread, turns) => insertTurns(deps.db, thread, turns),
      recent: (thread, limit) => selectRecentTurns(deps.db, thread, limit),
      botAnswered: (thread) => botAnsweredInThread(deps.db, thread),
      channelHasTurns: (channelId) => channelHasTurns(deps.db, channelId),
    },
    channels,
  };
}
