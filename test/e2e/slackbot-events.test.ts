import { describe, expect, it } from 'vitest';
import {
  appMention,
  assistantThreadStarted,
  eventEnvelope,
  messageEvent,
  postSigned,
} from '../fakes/slack-requests.js';
import { REFUND_REPLY, useSlackbotSuite } from './slackbot-harness.js';
import { repliesIn, streamedText, waitForFinal } from './slackbot-test-helpers.js';

describe('Slack bot over HTTP events', () => {
  const suite = useSlackbotSuite();
  const send = (body: unknown, options: Parameters<typeof postSigned>[2] = {}) =>
    postSigned(suite.url, JSON.stringify(body), options);
  const chatRequests = () => suite.openai.requests.filter((r) => r.path === '/v1/chat/completions');

  it('answers an @mention in the thread of that message, streamed, then with sources and buttons', async () => {
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY, chunks: 6 });
    const event = appMention({ text: 'how long do refunds take?', channel: 'C0MENTION' });
    const res = await send(eventEnvelope(event));
    expect(res.status).toBe(200);
    const final = await waitForFinal(suite.slack, 'C0MENTION', suite.harness.logs);

    expect(suite.slack.callsTo('chat.startStream')[0]?.args).toMatchObject({
      channel: 'C0MENTION',
      thread_ts: event.ts,
      recipient_user_id: 'UAGENT1',
      recipient_team_id: 'T0001',
    });
    expect(streamedText(suite.slack.calls)).toContain('5 to 10 business days');
    expect(suite.slack.callsTo('chat.appendStream').length).toBeGreaterThan(0);
    expect(suite.slack.callsTo('chat.stopStream')).toHaveLength(1);
    for (const reply of repliesIn(suite.slack.calls, 'C0MENTION')) expect(reply.args.thread_ts).toBe(event.ts);
    expect(final.args.ts).toBe(suite.slack.callsTo('chat.stopStream')[0]?.args.ts);

    expect(final.args.text).toMatch(/^Refunds reach your card within \*\*5 to 10 business days\*\* \[\d\]\.$/);
    const blocks = JSON.stringify(final.args.blocks);
    expect(blocks).toMatch(/\*5 to 10 business days\* <https:\/\/help\.example\.com\/refunds\|\[\d\]>/);
    expect(blocks).toMatch(/\*Sources\*\\n\d\. <https:\/\/help\.example\.com\/refunds\|Refund policy>/);
    expect(blocks).toContain('"action_id":"feedback_helpful"');
    expect(blocks).toContain('"action_id":"feedback_not_helpful"');
    expect(suite.slack.callsTo('assistant.threads.setStatus')[0]?.args).toMatchObject({
      channel_id: 'C0MENTION',
      thread_ts: event.ts,
    });
  });

  it('answers a mention inside an existing thread in that thread', async () => {
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY });
    const event = appMention({ text: 'refund timing?', channel: 'C0INTHREAD', threadTs: '1750000000.000001' });
    await send(eventEnvelope(event));
    await waitForFinal(suite.slack, 'C0INTHREAD', suite.harness.logs);
    for (const reply of repliesIn(suite.slack.calls, 'C0INTHREAD'))
      expect(reply.args.thread_ts).toBe('1750000000.000001');
  });

  it('answers a direct message in its thread', async () => {
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY });
    const event = messageEvent({ text: 'how long do refunds take?', channel: 'D0DIRECT', channelType: 'im' });
    await send(eventEnvelope(event));
    const final = await waitForFinal(suite.slack, 'D0DIRECT', suite.harness.logs);
    expect(final.args.text).toContain('5 to 10 business days');
    for (const reply of repliesIn(suite.slack.calls, 'D0DIRECT')) expect(reply.args.thread_ts).toBe(event.ts);
  });

  it('answers a follow-up without a mention in a thread it answered, with the earlier turns as history', async () => {
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY });
    const first = appMention({ text: 'how long do refunds take?', channel: 'C0FOLLOW' });
    await send(eventEnvelope(first));
    await waitForFinal(suite.slack, 'C0FOLLOW', suite.harness.logs);
    suite.slack.reset();

    suite.openai.script({
      kind: 'reply',
      text: ({ prompt }) =>
        `PayPal refunds arrive within 2 business days [${/<source n="(\d+)" title="Refund policy">/.exec(prompt)?.[1]}].`,
    });
    const followUp = messageEvent({
      text: 'and with PayPal?',
      channel: 'C0FOLLOW',
      channelType: 'channel',
      threadTs: first.ts,
    });
    await send(eventEnvelope(followUp));
    const final = await waitForFinal(suite.slack, 'C0FOLLOW', suite.harness.logs);
    expect(final.args.text).toContain('PayPal refunds arrive within 2 business days');
    for (const reply of repliesIn(suite.slack.calls, 'C0FOLLOW')) expect(reply.args.thread_ts).toBe(first.ts);
    const history = JSON.stringify(chatRequests().at(-1)?.body);
    expect(history).toContain('how long do refunds take?');
    expect(history).toContain('5 to 10 business days');
    expect(suite.slack.callsTo('conversations.replies')).toHaveLength(0);
  });

  it('leaves alone a thread reply without a mention where it never answered', async () => {
    await send(
      eventEnvelope(
        messageEvent({ text: 'lunch?', channel: 'C0QUIET', channelType: 'channel', threadTs: '1750000000.000009' }),
      ),
    );
    await send(eventEnvelope(messageEvent({ text: 'top-level chatter', channel: 'C0QUIET', channelType: 'channel' })));
    // A DM afterwards is answered, so the listener got past both messages.
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY });
    await send(eventEnvelope(messageEvent({ text: 'refund timing?', channel: 'D0AFTERQUIET' })));
    await waitForFinal(suite.slack, 'D0AFTERQUIET', suite.harness.logs);
    expect(repliesIn(suite.slack.calls, 'C0QUIET')).toHaveLength(0);
  });

  it('ignores bot messages (its own too), edits, joins, file shares and unknown events without error', async () => {
    const ignored = [
      messageEvent({ text: 'I am a bot', extra: { bot_id: 'BOTHER', subtype: 'bot_message' } }),
      messageEvent({ text: 'my own reply', user: 'UBOT', extra: { bot_id: 'BBOT' } }),
      messageEvent({
        text: 'edited',
        extra: { subtype: 'message_changed', message: { text: 'edited', user: 'UAGENT1' }, hidden: true },
      }),
      messageEvent({
        text: '<@UAGENT1> has joined the channel',
        channelType: 'channel',
        extra: { subtype: 'channel_join' },
      }),
      messageEvent({ text: 'see file', extra: { subtype: 'file_share', files: [{ id: 'F1' }] } }),
      {
        type: 'reaction_added',
        user: 'UAGENT1',
        reaction: 'thumbsup',
        item: { type: 'message', channel: 'C1', ts: '1.2' },
        event_ts: '1.3',
      },
      { type: 'some_future_event', whatever: true },
    ];
    for (const event of ignored) expect((await send(eventEnvelope(event))).status).toBe(200);
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY });
    await send(eventEnvelope(messageEvent({ text: 'refund timing?', channel: 'D0AFTERNOISE' })));
    await waitForFinal(suite.slack, 'D0AFTERNOISE', suite.harness.logs);
    expect(repliesIn(suite.slack.calls, 'D0AGENT1')).toHaveLength(0);
    expect(chatRequests()).toHaveLength(1);
    expect(suite.harness.logs.join('')).not.toContain('listener.failed');
  });

  it('refuses a bad signature and a timestamp older than 5 minutes with 401', async () => {
    const body = JSON.stringify(eventEnvelope(appMention({ text: 'refunds?', channel: 'C0FORGED' })));
    const forged = await postSigned(suite.url, body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await postSigned(suite.url, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(suite.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(repliesIn(suite.slack.calls, 'C0FORGED')).toHaveLength(0);
  });

  it('offers suggested prompts when an assistant thread starts', async () => {
    const event = assistantThreadStarted({ channel: 'D0ASSIST', threadTs: '1750000001.000001' });
    await send(eventEnvelope(event));
    await suite.slack.waitFor(() => suite.slack.callsTo('assistant.threads.setSuggestedPrompts').length === 1);
    const call = suite.slack.callsTo('assistant.threads.setSuggestedPrompts')[0];
    expect(call?.args).toMatchObject({ channel_id: 'D0ASSIST', thread_ts: '1750000001.000001' });
    expect((call?.args.prompts as unknown[] | undefined)?.length ?? 0).toBeGreaterThan(0);
  });
});
