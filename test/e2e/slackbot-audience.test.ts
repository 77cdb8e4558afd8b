import { describe, expect, it } from 'vitest';
import { appMention, eventEnvelope, messageEvent, postSigned } from '../fakes/slack-requests.js';
import { sourceNumber } from './answer-harness.js';
import { REFUND_REPLY, useSlackbotSuite } from './slackbot-harness.js';
import { repliesIn, waitForFinal } from './slackbot-test-helpers.js';

// Who the bot answers as, what it keeps of personal data, and what channel settings change.
describe('Slack bot audience, personal data and channel settings', () => {
  const suite = useSlackbotSuite({ defaultReply: REFUND_REPLY });
  const send = (body: unknown) => postSigned(suite.url, JSON.stringify(body));
  const lastPrompt = () =>
    JSON.stringify(suite.openai.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body);

  it('draws on internal articles for agents, but only public ones in a Slack Connect channel', async () => {
    const question = 'do refunds over 500 dollars need a team lead approval?';
    await send(eventEnvelope(appMention({ text: question, channel: 'C0INTERNAL' })));
    await waitForFinal(suite.slack, 'C0INTERNAL', suite.harness.logs);
    expect(lastPrompt()).toContain('Refund escalation playbook');

    await send(eventEnvelope(appMention({ text: question, channel: 'C0CONNECT' }), { shared: true }));
    await waitForFinal(suite.slack, 'C0CONNECT', suite.harness.logs);
    expect(lastPrompt()).not.toContain('Refund escalation playbook');
    expect(lastPrompt()).toContain('Refund policy');
  });

  it('keeps pasted customer data from the model, the logs and the transcript, and gives it back in the reply', async () => {
    suite.openai.script({
      kind: 'reply',
      text: ({ prompt }) =>
        `Tell <EMAIL_1> that refunds reach your card within 5 to 10 business days [${sourceNumber(prompt, 'Refund policy')}].`,
    });
    const email = 'jane.doe@example.com';
    await send(eventEnvelope(messageEvent({ text: `customer ${email} asks how long refunds take`, channel: 'D0PII' })));
    const final = await waitForFinal(suite.slack, 'D0PII', suite.harness.logs);
    expect(lastPrompt()).not.toContain(email);
    expect(final.args.text).toContain(`Tell ${email} that refunds`);
    expect(suite.harness.logs.join('')).not.toContain(email);
    const { rows } = await suite.harness.db.pool.query<{ role: string; content: string }>(
      "SELECT role, content FROM slack_thread_turns WHERE channel_id = 'D0PII' ORDER BY id",
    );
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
    for (const row of rows) {
      expect(row.content).not.toContain(email);
      expect(row.content).toContain('<EMAIL_1>');
    }
    // The answer log holds the redacted question, and the door it came through (for /v1/stats).
    const logged = await suite.harness.db.pool.query<{ door: string | null; question: string }>(
      "SELECT door, question FROM answers WHERE question LIKE '%asks how long refunds take'",
    );
    expect(logged.rows).toEqual([{ door: 'slack', question: 'customer <EMAIL_1> asks how long refunds take' }]);
  });

  it('answers follow-ups only when mentioned in a mention-only channel, and not at all when disabled', async () => {
    await suite.harness.state.channels.update('C0MENTIONONLY', { mentionOnly: true });
    const first = appMention({ text: 'how long do refunds take?', channel: 'C0MENTIONONLY' });
    await send(eventEnvelope(first));
    await waitForFinal(suite.slack, 'C0MENTIONONLY', suite.harness.logs);
    await send(
      eventEnvelope(
        messageEvent({ text: 'and PayPal?', channel: 'C0MENTIONONLY', channelType: 'channel', threadTs: first.ts }),
      ),
    );
    await suite.harness.state.channels.update('C0OFF', { enabled: false });
    await send(eventEnvelope(appMention({ text: 'how long do refunds take?', channel: 'C0OFF' })));
    // A DM afterwards is answered, so both messages above were seen.
    await send(eventEnvelope(messageEvent({ text: 'refund timing?', channel: 'D0AFTERSETTINGS' })));
    await waitForFinal(suite.slack, 'D0AFTERSETTINGS', suite.harness.logs);
    expect(repliesIn(suite.slack.calls, 'C0MENTIONONLY')).toHaveLength(1);
    expect(repliesIn(suite.slack.calls, 'C0OFF')).toHaveLength(0);
  });

  it('answers privately in an ephemeral channel, in the thread, with a share button', async () => {
    await suite.harness.state.channels.update('C0PRIVATE', { ephemeral: true });
    const event = appMention({ text: 'how long do refunds take?', channel: 'C0PRIVATE' });
    await send(eventEnvelope(event));
    await suite.slack.waitFor(() => suite.slack.callsTo('chat.postEphemeral').length === 1);
    const reply = suite.slack.callsTo('chat.postEphemeral')[0]?.args ?? {};
    expect(reply).toMatchObject({ channel: 'C0PRIVATE', user: 'UAGENT1', thread_ts: event.ts });
    expect(reply.text).toContain('5 to 10 business days');
    expect(JSON.stringify(reply.blocks)).toContain('share_answer');
    expect(suite.slack.callsTo('chat.startStream')).toHaveLength(0);
  });
});
