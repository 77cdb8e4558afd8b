import type { Queryable } from '@support/db';

/** How the bot behaves in one channel. */
export interface ChannelSettings {
  channelId: string;
  enabled: boolean;
  /** Answer only when mentioned: thread follow-ups without a mention are left alone. */
  mentionOnly: boolean;
  /** Articles the channel may draw on (any of these tags; empty: all). */
  tags: string[];
  /** Sources the channel may draw on (empty: all). */
  sources: string[];
  /** Answers are visible only to the asker, with a button to share them. */
  ephemeral: boolean;
}

type ChannelRow = {
  channel_id: string;
  enabled: boolean;
  mention_only: boolean;
  tags: string[];
  sources: string[];
  ephemeral: boolean;
};

const toSettings = (row: ChannelRow): ChannelSettings => ({
  channelId: row.channel_id,
  enabled: row.enabled,
  mentionOnly: row.mention_only,
  tags: row.tags,
  sources: row.sources,
  ephemeral: row.ephemeral,
});

/** The stored settings of one channel, or undefined when it has none. */
export async function selectChannel(db: Queryable, channelId: string): Promise<ChannelSettings | undefined> {
  const { rows } = await db.query<ChannelRow>(
    'SELECT channel_id, enabled, mention_only, tags, sources, ephemeral FROM slack_channels WHERE channel_id = $1::text',
    [channelId],
  );
  return rows[0] === undefined ? undefined : toSettings(rows[0]);
}

/** Every channel with stored settings. */
export async function selectChannels(db: Queryable): Promise<ChannelSettings[]> {
  const { rows } = await db.query<ChannelRow>(
    'SELECT channel_id, enabled, mention_only, tags, sources, ephemeral FROM slack_channels ORDER BY channel_id',
  );
  return rows.map(toSettings);
}

/** Writes a channel's whole settings row. */
export async function upsertChannel(db: Queryable, settings: ChannelSettings): Promise<ChannelSettings> {
  const { rows } = await db.query<ChannelRow>(
    `INSERT INTO slack_channels (channel_id, enabled, mention_only, tags, sources, ephemeral)
     VALUES ($1::text, $2::boolean, $3::boolean, $4::text[], $5::text[], $6::boolean)
     ON CONFLICT (channel_id) DO UPDATE SET
       enabled = EXCLUDED.enabled, mention_only = EXCLUDED.mention_only, tags = EXCLUDED.tags,
       sources = EXCLUDED.sources, ephemeral = EXCLUDED.ephemeral, updated_at = now()
     RETURNING channel_id, enabled, mention_only, tags, sources, ephemeral`,
    [settings.channelId, settings.enabled, settings.mentionOnly, settings.tags, settings.sources, settings.ephemeral],
  );
  return toSettings(rows[0] as ChannelRow);
}

/** Removes a channel's settings (it goes back to the defaults); false when it had none. */
export async function deleteChannel(db: Queryable, channelId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM slack_channels WHERE channel_id = $1::text', [channelId]);
  return (rowCount ?? 0) > 0;
}
