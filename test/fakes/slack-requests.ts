import { createHmac } from 'node:crypto';

// Signed requests as Slack sends them, with payloads in Slack's real shapes (Events API envelopes,
// slash command forms, interaction payloads), for driving a Bolt app over HTTP.

export const TEST_SIGNING_SECRET = 'test-signing-secret';
export const TEAM_ID = 'T0001';
export const APP_ID = 'A0001';
export const BOT_USER_ID = 'UBOT';
export const AGENT_ID = 'UAGENT1';

let counter = 0;
/** A unique, increasing message ts ("1750000100.000123"). */
export function nextMessageTs(): string {
  counter += 1;
  return `1750000100.${String(counter).padStart(6, '0')}`;
}

/** Headers of a request signed as Slack signs it: v0 HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(body: string, options: { secret?: string; timestamp?: number } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', options.secret ?? TEST_SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${hmac}` };
}

/** Posts a signed request to a Bolt events URL; `retryNum` adds Slack's retry headers. */
export async function postSigned(
  url: string,
  body: string,
  options: { contentType?: string; secret?: string; timestamp?: number; retryNum?: number } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...slackSignature(body, options),
      ...(options.retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }),
    },
    body,
  });
}

/** Wraps an event in the Events API envelope (`event_callback`). */
export function eventEnvelope(event: Record<string, unknown>, options: { eventId?: string; shared?: boolean } = {}) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    context_team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${String(++counter).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: options.shared ?? false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  };
}

function richText(text: string) {
  return [
    {
      type: 'rich_text',
      block_id: 'b1',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

/** An app_mention event: `text` is prefixed with the bot's mention. */
export function appMention(options: { text: string; channel?: string; ts?: string; threadTs?: string; user?: string }) {
  const ts = options.ts ?? nextMessageTs();
  return {
    type: 'app_mention',
    user: options.user ?? AGENT_ID,
    text: `<@${BOT_USER_ID}> ${options.text}`,
    ts,
    team: TEAM_ID,
    channel: options.channel ?? 'C0SUPPORT',
    event_ts: ts,
    client_msg_id: `m-${ts}`,
    blocks: richText(options.text),
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

/** A message event: a DM (channel_type im) or a channel message, maybe in a thread. */
export function messageEvent(options: {
  text: string;
  channel?: string;
  channelType?: 'im' | 'channel' | 'group';
  ts?: string;
  threadTs?: string;
  user?: string;
  extra?: Record<string, unknown>;
}) {
  const ts = options.ts ?? nextMessageTs();
  const type = options.channelType ?? 'im';
  return {
    type: 'message',
    user: options.user ?? AGENT_ID,
    text: options.text,
    ts,
    team: TEAM_ID,
    channel: options.channel ?? (type === 'im' ? 'D0AGENT1' : 'C0SUPPORT'),
    event_ts: ts,
    channel_type: type,
    client_msg_id: `m-${ts}`,
    blocks: richText(options.text),
    ...(options.threadTs ? { thread_ts: options.threadTs, parent_user_id: BOT_USER_ID } : {}),
    ...options.extra,
  };
}

/** assistant_thread_started, as the assistant container sends it. */
export function assistantThreadStarted(options: { channel?: string; threadTs?: string } = {}) {
  const threadTs = options.threadTs ?? nextMessageTs();
  return {
    type: 'assistant_thread_started',
    assistant_thread: {
      user_id: AGENT_ID,
      context: { channel_id: 'C0SUPPORT', team_id: TEAM_ID, enterprise_id: null },
      channel_id: options.channel ?? 'D0AGENT1',
      thread_ts: threadTs,
    },
    event_ts: threadTs,
  };
}

/** A slash command's form body (`application/x-www-form-urlencoded`). */
export function slashCommandForm(options: {
  text: string;
  channel?: string;
  responseUrl: string;
  command?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: options.channel ?? 'C0SUPPORT',
    channel_name: 'support',
    user_id: AGENT_ID,
    user_name: 'agent',
    command: options.command ?? '/ask',
    text: options.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: `trigger-${++counter}`,
  }).toString();
}

/** An interaction payload, form-encoded as Slack posts it (`payload=<json>`). */
export function interactionForm(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** block_actions for a button click on a message the bot posted. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  responseUrl: string;
  ephemeral?: boolean;
}) {
  const messageTs = options.messageTs ?? nextMessageTs();
  const channel = options.channel ?? 'C0SUPPORT';
  return {
    type: 'block_actions',
    user: { id: AGENT_ID, username: 'agent', name: 'agent', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: `trigger-${++counter}`,
    team: { id: TEAM_ID, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'support' },
    ...(options.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: BOT_USER_ID,
            bot_id: 'BBOT',
            ts: messageTs,
            text: 'answer',
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
          },
        }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: `answer:${options.value}`,
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: options.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      },
    ],
  };
}

/** view_submission of a modal with the given private_metadata and state values. */
export function viewSubmission(options: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, unknown>;
}) {
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: AGENT_ID, username: 'agent', name: 'agent', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: `trigger-${++counter}`,
    view: {
      id: `V${++counter}`,
      team_id: TEAM_ID,
      type: 'modal',
      blocks: [],
      private_metadata: options.privateMetadata,
      callback_id: options.callbackId,
      state: { values: options.values },
      hash: 'h',
      title: { type: 'plain_text', text: 'What was wrong?' },
      app_id: APP_ID,
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}
