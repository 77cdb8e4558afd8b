import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeSlackSocket, startFakeSlackSocket } from '../fakes/fake-slack-socket.js';
import { appMention, eventEnvelope } from '../fakes/slack-requests.js';
import { REFUND_REPLY, type SlackbotHarness, startSlackbot } from './slackbot-harness.js';
import { repliesIn, waitForFinal } from './slackbot-test-helpers.js';

describe('Slack bot in Socket Mode', () => {
  let slack: FakeSlack;
  let socket: FakeSlackSocket;
  let openai: FakeOpenAI;
  let harness: SlackbotHarness;

  beforeAll(async () => {
    slack = await startFakeSlack();
    socket = await startFakeSlackSocket();
    slack.setSocketUrl(socket.url);
    openai = await startFakeOpenAI({ defaultReply: REFUND_REPLY });
    harness = await startSlackbot(slack, openai, { socketAppToken: 'xapp-1-test' });
  });
  afterAll(async () => {
    await harness.close();
    await socket.close();
    await slack.close();
    await openai.close();
  });

  it('opens the connection with the app token and answers an envelope in the thread, acking it', async () => {
    expect(harness.url).toBeNull();
    await socket.connected();
    expect(slack.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-test');
    const event = appMention({ text: 'how long do refunds take?', channel: 'C0SOCKET' });
    const ack = await socket.send('events_api', eventEnvelope(event));
    expect(ack.envelope_id).toBeDefined();
    const final = await waitForFinal(slack, 'C0SOCKET', harness.logs);
    expect(final.args.text).toContain('5 to 10 business days');
    for (const reply of repliesIn(slack.calls, 'C0SOCKET')) expect(reply.args.thread_ts).toBe(event.ts);
  });
});
