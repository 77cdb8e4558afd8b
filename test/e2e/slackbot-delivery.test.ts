import { describe, expect, it } from 'vitest';
import { appMention, eventEnvelope, messageEvent, postSigned } from '../fakes/slack-requests.js';
import { REFUND_REPLY, startSlackbot, useSlackbotSuite } from './slackbot-harness.js';
import { repliesIn, waitForFinal, waitForLog } from './slackbot-test-helpers.js';

// Exactly once under Slack's retries and racing deliveries, and the fallbacks when streaming fails.
describe('Slack bot delivery', () => {
  const suite = useSlackbotSuite({ defaultReply: REFUND_REPLY });
  const send = (body: unknown, options: Parameters<typeof postSigned>[2] = {}) =>
    postSigned(suite.url, JSON.stringify(body), options);
  const modelCalls = () => suite.openai.calls('/v1/chat/completions');
  const duplicates = () => suite.harness.logs.filter((l) => l.includes('"msg":"event.duplicate"')).length;

  it('gives one answer to an event delivered once and retried three times', async () => {
    const envelope = eventEnvelope(appMention({ text: 'how long do refunds take?', channel: 'C0RETRY' }));
    const before = duplicates();
    expect((await send(envelope)).status).toBe(200);
    await waitForFinal(suite.slack, 'C0RETRY', suite.harness.logs);
    for (const retryNum of [1, 2, 3]) expect((await send(envelope, { retryNum })).status).toBe(200);
    await waitForLog(suite.harness.logs, 'event.duplicate', before + 3);
    expect(repliesIn(suite.slack.calls, 'C0RETRY')).toHaveLength(1);
    expect(modelCalls()).toBe(1);
  });

  it('gives one answer to two deliveries racing each other', async () => {
    const envelope = eventEnvelope(appMention({ text: 'how long do refunds take?', channel: 'C0RACE' }));
    const before = duplicates();
    const responses = await Promise.all([send(envelope), send(envelope, { retryNum: 1 })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await waitForFinal(suite.slack, 'C0RACE', suite.harness.logs);
    await waitForLog(suite.harness.logs, 'event.duplicate', before + 1);
    expect(repliesIn(suite.slack.calls, 'C0RACE')).toHaveLength(1);
    expect(modelCalls()).toBe(1);
  });

  it('answers a mention once although Slack also delivers it as a message event', async () => {
    const mention = appMention({ text: 'how long do refunds take?', channel: 'C0TWIN' });
    // The same message as message.channels: another event id, the same channel and ts.
    const twin = messageEvent({ text: mention.text, channel: 'C0TWIN', channelType: 'channel', ts: mention.ts });
    await Promise.all([send(eventEnvelope(mention)), send(eventEnvelope(twin))]);
    await waitForFinal(suite.slack, 'C0TWIN', suite.harness.logs);
    expect(repliesIn(suite.slack.calls, 'C0TWIN')).toHaveLength(1);
  });

  it('answers a burst of mentions all, with no more answers in flight than its limit', async () => {
    const bot = await startSlackbot(suite.slack, suite.openai, { shareDb: suite.harness.db, maxConcurrentAnswers: 2 });
    try {
      suite.openai.reset();
      // Slow enough that six answers at once would overlap at the model.
      suite.openai.script(
        ...Array.from({ length: 6 }, () => ({ kind: 'reply' as const, text: REFUND_REPLY, firstTokenDelayMs: 300 })),
      );
      const channels = Array.from({ length: 6 }, (_, i) => `C0BURST${i}`);
      const responses = await Promise.all(
        channels.map((channel) =>
          postSigned(
            bot.url ?? '',
            JSON.stringify(eventEnvelope(appMention({ text: 'how long do refunds take?', channel }))),
          ),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(channels.map(() => 200));
      for (const channel of channels) await waitForFinal(suite.slack, channel, bot.logs);
      expect(suite.openai.calls('/v1/chat/completions')).toBe(6);
      expect(suite.openai.peakConcurrentChats).toBe(2);
      expect(bot.logs.some((l) => l.includes('"msg":"answer.queued"'))).toBe(true);
    } finally {
      await bot.close();
    }
  });

  it('keeps the claim across bot copies and restarts sharing one database', async () => {
    const other = await startSlackbot(suite.slack, suite.openai, { shareDb: suite.harness.db });
    try {
      const envelope = eventEnvelope(messageEvent({ text: 'how long do refunds take?', channel: 'D0COPIES' }));
      const body = JSON.stringify(envelope);
      await Promise.all([postSigned(suite.url, body), postSigned(other.url ?? '', body, { retryNum: 1 })]);
      await waitForFinal(suite.slack, 'D0COPIES', suite.harness.logs);
      await waitForLog([...suite.harness.logs, ...other.logs], 'event.duplicate', 1);
      expect(repliesIn(suite.slack.calls, 'D0COPIES')).toHaveLength(1);
    } finally {
      await other.close();
    }
    // A restarted copy still knows the event.
    const restarted = await startSlackbot(suite.slack, suite.openai, { shareDb: suite.harness.db });
    try {
      const envelope = eventEnvelope(messageEvent({ text: 'refunds?', channel: 'D0RESTART' }));
      await send(envelope);
      await waitForFinal(suite.slack, 'D0RESTART', suite.harness.logs);
      await postSigned(restarted.url ?? '', JSON.stringify(envelope), { retryNum: 2 });
      await waitForLog(restarted.logs, 'event.duplicate', 1);
      expect(repliesIn(suite.slack.calls, 'D0RESTART')).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('falls back to chat.update when the stream expires, and the final message has the whole answer', async () => {
    suite.slack.script('chat.appendStream', { error: 'message_not_in_streaming_state', times: 50 });
    suite.openai.script({ kind: 'reply', text: REFUND_REPLY, chunks: 8 });
    const event = appMention({ text: 'how long do refunds take?', channel: 'C0EXPIRE' });
    await send(eventEnvelope(event));
    const final = await waitForFinal(suite.slack, 'C0EXPIRE', suite.harness.logs);
    const streamTs = suite.slack.callsTo('chat.startStream')[0]?.response.ts;
    expect(streamTs).toBeDefined();
    expect(final.method).toBe('chat.update');
    const updates = suite.slack.callsTo('chat.update').filter((c) => c.args.channel === 'C0EXPIRE');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    for (const update of updates) expect(update.args.ts).toBe(streamTs);
    expect(updates[0]?.args.blocks).toBeUndefined();
    expect(final.args.text).toContain('5 to 10 business days');
    expect(JSON.stringify(final.args.blocks)).toContain('feedback_not_helpful');
    for (const reply of repliesIn(suite.slack.calls, 'C0EXPIRE')) expect(reply.args.thread_ts).toBe(event.ts);
  });

  it('posts a placeholder and edits it when the workspace cannot stream', async () => {
    const copy = await startSlackbot(suite.slack, suite.openai, { shareDb: suite.harness.db });
    try {
      suite.slack.script('chat.startStream', { error: 'unknown_method' });
      const first = messageEvent({ text: 'how long do refunds take?', channel: 'D0NOSTREAM1' });
      await postSigned(copy.url ?? '', JSON.stringify(eventEnvelope(first)));
      await waitForFinal(suite.slack, 'D0NOSTREAM1', copy.logs);
      expect(
        suite.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0NOSTREAM1')?.args.thread_ts,
      ).toBe(first.ts);
      // Later replies skip the stream attempt and start with the placeholder.
      const second = messageEvent({ text: 'how long do refunds take?', channel: 'D0NOSTREAM2' });
      await postSigned(copy.url ?? '', JSON.stringify(eventEnvelope(second)));
      const final = await waitForFinal(suite.slack, 'D0NOSTREAM2', copy.logs);
      const posts = repliesIn(suite.slack.calls, 'D0NOSTREAM2');
      expect(posts.map((c) => c.method)).toEqual(['chat.postMessage']);
      expect(posts[0]?.args).toMatchObject({ thread_ts: second.ts, text: '_Looking through the knowledge base…_' });
      expect(final.args.text).toContain('5 to 10 business days');
      expect(suite.slack.callsTo('chat.startStream')).toHaveLength(1);
    } finally {
      await copy.close();
    }
  });

  it('apologises with a reference id when answering fails, and says what was wrong with a refused question', async () => {
    suite.slack.script('chat.startStream', { error: 'internal_error' });
    await send(eventEnvelope(appMention({ text: 'how long do refunds take?', channel: 'C0FAIL' })));
    const final = await waitForFinal(suite.slack, 'C0FAIL', suite.harness.logs);
    const reference = /Reference: ([0-9a-f]{8})/.exec(String(final.args.text))?.[1];
    expect(reference).toBeDefined();
    expect(suite.harness.logs.some((l) => l.includes('"msg":"answer.failed"') && l.includes(String(reference)))).toBe(
      true,
    );

    await send(eventEnvelope(appMention({ text: `why ${'refund '.repeat(800)}?`, channel: 'C0TOOLONG' })));
    const refused = await waitForFinal(suite.slack, 'C0TOOLONG', suite.harness.logs);
    expect(refused.args.text).toContain('question: must be at most 4000 characters');
    expect(refused.args.text).not.toContain('Reference');
    expect(refused.args.thread_ts).toBeDefined();
  });
});
