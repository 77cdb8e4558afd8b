// The public surface of @support/slack-state: the Slack bot's own tables (delivery claims, thread
// transcripts, channel settings). A package, not part of apps/slackbot, because the CLI and the
// admin API manage the channel settings too.

export type { ChannelSettings, ChannelSettingsStore, SlackState, ThreadRef, ThreadTurn } from './slack-state.js';
/** The state module on a database, the defaults of a channel, and the schemas its doors validate with. */
export { ChannelId, ChannelSettingsUpdate, createSlackState, defaultChannelSettings } from './slack-state.js';
