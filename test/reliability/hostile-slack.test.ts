import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceNumber } from '../e2e/answer-harness.js';
import { REFUND_REPLY, type SlackbotHarness, startSlackbot } from '../e2e/slackbot-harness.js';
import { finalUpdateIn, waitForFinal } from '../e2e/slackbot-test-helpers.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { appMention, eventEnvelope, interactionForm, postSigned, slackSignature } from '../fakes/slack-requests.js';
import { cases } from './support/budget.js';
import { hostileString, INVALID_UTF8 } from './support/hostile-inputs.js';

// The Slack events endpoint is on the internet for anyone to post to. Unsigned or badly signed
// requests get 401; signed ones with bodies in no shape Slack sends are acked or refused, never a
// 5xx; the bot keeps answering. And in a Slack Connect channel it answers as for customers even
// when an agent's answer to the same question is in the cache.
const RUNS = cases(2_000, 300);
// A signed body no listener takes is left unacknowledged: Bolt answers 404 after 3 s, so fewer of these.
const SIGNED_RUNS = cases(400, 60);

describe('the Slack endpoint under hostile requests', () => {
  let slack: FakeSlack;
  let openai: FakeOpenAI;
  let bot: SlackbotHarness;
  let url: string;
  beforeAll(async () => {
    slack = await startFakeSlack();
    openai = await startFakeOpenAI({ defaultReply: REFUND_REPLY });
    bot = await startSlackbot(slack, openai, { cache: true });
    url = bot.url ?? '';
  });
  afterAll(async () => {
    await bot.close();
    await slack.close();
    await openai.close();
  });

  const bodies = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
    fc
      .record(
        {
          type: fc.constantFrom('event_callback', 'url_verification', 'block_actions', 'app_rate_limited'),
          event: fc.jsonValue(),
          challenge: fc.jsonValue(),
          team_id: hostileString(5_000),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => interactionForm(v as Record<string, unknown>)),
    fc
      .jsonValue()
      .map(
        (v) =>
          `payload=${encodeURIComponent(JSON.stringify(v))}&command=/ask&text=${encodeURIComponent(JSON.stringify(v) ?? '')}`,
      ),
    hostileString(200_000),
    fc.constantFrom(...INVALID_UTF8).map((b) => Buffer.from(b).toString('latin1')),
  );
  const contentTypes = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data',
    '',
  );

  it(`answers ${Math.ceil(RUNS / 2)} random unsigned or badly signed requests with 401`, {
    timeout: 600_000,
  }, async () => {
    const signatures = fc.oneof(
      fc.constant({}),
      fc.record({
        'x-slack-signature': fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
        'x-slack-request-timestamp': fc.integer().map(String),
      }),
      // Signed with the wrong secret, or a stale timestamp with the right one.
      fc.constant('wrong-secret'),
      fc.constant('stale'),
    );
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, signatures, async (body, contentType, signature) => {
        const headers =
          signature === 'wrong-secret'
            ? slackSignature(body, { secret: 'not-the-secret' })
            : signature === 'stale'
              ? slackSignature(body, { timestamp: Math.floor(Date.now() / 1000) - 600 })
              : signature;
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
          body,
        });
        await response.arrayBuffer();
        expect(response.status).toBe(401);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it(`acks or refuses ${SIGNED_RUNS} correctly signed requests with random bodies, never a 5xx, and keeps answering`, {
    timeout: 600_000,
  }, async () => {
    // Found by this test: Bolt answered the first two with 500, and on `null` it threw an unhandled
    // rejection (which ends a Node process) and never answered.
    for (const body of ['{"event":false}', '{"type":"event_callback","event":null}', 'null']) {
      const response = await postSigned(url, body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ error: 'unreadable Slack request' });
    }
    const statuses = new Map<number, number>();
    // Sent ten at a time: most wait out Bolt's 3 s for an ack that never comes, and one at a time
    // that is minutes of waiting, not of testing.
    const samples = fc.sample(fc.tuple(bodies, contentTypes), SIGNED_RUNS);
    for (let i = 0; i < samples.length; i += 10) {
      await Promise.all(
        samples.slice(i, i + 10).map(async ([body, contentType]) => {
          // A request Bolt never answers would hang the run; Slack itself gives up after 3 s.
          const response = await fetch(url, {
            method: 'POST',
            headers: { ...(contentType ? { 'content-type': contentType } : {}), ...slackSignature(body) },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, body.slice(0, 200)).toBeLessThan(500);
        }),
      );
    }
    console.log(`signed random Slack requests: ${[...statuses].map(([s, n]) => `${s}x${n}`).join(' ')}`);
    // Bolt logs the unacknowledged ones at error level; no listener failed.
    expect(bot.logs.join('')).not.toContain('"msg":"listener.failed"');
    slack.reset();
    await postSigned(
      url,
      JSON.stringify(eventEnvelope(appMention({ text: 'how long do refunds take?', channel: 'C0AFTER' }))),
    );
    const final = await waitForFinal(slack, 'C0AFTER', bot.logs);
    expect(JSON.stringify(final.args.blocks)).toContain('5 to 10 business days');
  });

  it('answers as for customers in a Slack Connect channel, even with an agent answer to the same question cached', async () => {
    const question = 'do refunds over 500 dollars need approval?';
    openai.script({
      kind: 'reply',
      text: ({ prompt }) =>
        `Refunds over 500 dollars need approval from a team lead [${sourceNumber(prompt, 'Refund escalation playbook')}].`,
    });
    slack.reset();
    await postSigned(url, JSON.stringify(eventEnvelope(appMention({ text: question, channel: 'C0AGENTS' }))));
    const agents = await waitForFinal(slack, 'C0AGENTS', bot.logs);
    expect(JSON.stringify(agents.args)).toContain('team lead');
    await postSigned(
      url,
      JSON.stringify(eventEnvelope(appMention({ text: question, channel: 'C0CONNECT' }), { shared: true })),
    );
    await waitForFinal(slack, 'C0CONNECT', bot.logs);
    const connect = JSON.stringify(slack.calls.filter((c) => c.args.channel === 'C0CONNECT').map((c) => c.args));
    expect(finalUpdateIn(slack.calls, 'C0CONNECT')).toBeDefined();
    expect(connect).not.toContain('team lead');
    expect(connect).not.toContain('Refund escalation playbook');
  });
});
