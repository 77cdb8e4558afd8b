import { parseArgs } from 'node:util';
import { ChannelId, type ChannelSettings, ChannelSettingsUpdate, createSlackState } from '@support/slack-state';
import { type Command, UsageError } from './command.js';

const USAGE = `pnpm kb slack channels list [--json]
       pnpm kb slack channels show <channel id> [--json]
       pnpm kb slack channels set <channel id> [--enabled true|false] [--mention-only true|false] [--ephemeral true|false] [--tags a,b] [--sources a,b] [--json]
       pnpm kb slack channels reset <channel id>`;

const flag = (name: string, value: string | undefined): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`--${name}: expected true or false, got ${value}`);
};
const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
const describe = (s: ChannelSettings) =>
  `${s.channelId}  ${s.enabled ? 'enabled' : 'disabled'}  ${s.mentionOnly ? 'mention-only' : 'follow-ups'}  ` +
  `${s.ephemeral ? 'ephemeral' : 'visible'}  tags: ${s.tags.join(',') || 'all'}  sources: ${s.sources.join(',') || 'all'}\n`;

/** `kb slack channels list|show|set|reset`: the Slack bot's per-channel settings. */
export const slackCommand: Command = {
  usage: USAGE,
  async run(args, { database, stdout, stderr }) {
    const [area, action, ...rest] = args;
    if (area !== 'channels') throw new UsageError(`expected "channels", got ${area ?? 'nothing'}`);
    const channels = createSlackState({ db: database.pool }).channels;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        enabled: { type: 'string' },
        'mention-only': { type: 'string' },
        ephemeral: { type: 'string' },
        tags: { type: 'string' },
        sources: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const print = (settings: ChannelSettings | ChannelSettings[]) => {
      if (values.json) stdout.write(`${JSON.stringify(settings)}\n`);
      else for (const s of [settings].flat()) stdout.write(describe(s));
    };
    if (action === 'list') {
      const all = await channels.list();
      if (all.length === 0 && !values.json) stdout.write('no channel has its own settings (all use the defaults)\n');
      else print(all);
      return 0;
    }
    const parsedId = ChannelId.safeParse(positionals[0]);
    if (!parsedId.success) throw new UsageError(`channel id: ${parsedId.error.issues[0]?.message ?? 'invalid'}`);
    const channelId = parsedId.data;
    switch (action) {
      case 'show':
        print(await channels.get(channelId));
        return 0;
      case 'set': {
        const change = ChannelSettingsUpdate.parse(
          Object.fromEntries(
            Object.entries({
              enabled: flag('enabled', values.enabled),
              mentionOnly: flag('mention-only', values['mention-only']),
              ephemeral: flag('ephemeral', values.ephemeral),
              tags: list(values.tags),
              sources: list(values.sources),
            }).filter(([, v]) => v !== undefined),
          ),
        );
        if (Object.keys(change).length === 0) throw new UsageError('set: give at least one setting to change');
        print(await channels.update(channelId, change));
        return 0;
      }
      case 'reset':
        if (await channels.reset(channelId)) {
          stdout.write(`${channelId} is back on the defaults\n`);
          return 0;
        }
        stderr.write(`not found: ${channelId} has no stored settings\n`);
        return 1;
      default:
        throw new UsageError(`expected list, show, set or reset, got ${action ?? 'nothing'}`);
    }
  },
};
