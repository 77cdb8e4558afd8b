import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import {
  buttonClick,
  eventEnvelope,
  interactionForm,
  messageEvent,
  postSigned,
  slashCommandForm,
  viewSubmission,
} from '../fakes/slack-requests.js';
import { REFUND_REPLY, type SlackbotHarness, startSlackbot } from './slackbot-harness.js';
import { answerIdOf, waitForFinal } from './slackbot-test-helpers.js';

const FORM = 'application/x-www-form-urlencoded';

// Buttons, the feedback modal, /ask and "Share in channel".
describe('Slack bot interactions', () => {
  let slack: FakeSlack;
  let openai: FakeOpenAI;
  let harness: SlackbotHarness;
  let url: string;
  const feedbackRows = async (answerId: string) =>
    (
      await harness.db.pool.query<{ helpful: boolean; reason: string | null; comment: string | null }>(
        'SELECT helpful, reason, comment FROM feedback WHERE answer_id = $1::uuid ORDER BY id',
        [answerId],
      )
    ).rows;
  const answerIn = async (channel: string) => {
    await postSigned(url, JSON.stringify(eventEnvelope(messageEvent({ text: 'how long do refunds take?', channel }))));
    return answerIdOf(await waitForFinal(slack, channel, harness.logs));
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    openai = await startFakeOpenAI({ defaultReply: REFUND_REPLY });
    harness = await startSlackbot(slack, openai);
    url = harness.url ?? '';
  });
  afterEach(() => {
    slack.reset();
    openai.reset();
  });
  afterAll(async () => {
    await harness.close();
    await slack.close();
    await openai.close();
  });

  it('records "helpful" against the answer and thanks the agent privately', async () => {
    const answerId = await answerIn('D0HELPFUL');
    const click = buttonClick({
      actionId: 'feedback_helpful',
      value: answerId,
      channel: 'D0HELPFUL',
      threadTs: '1750000100.000001',
      responseUrl: slack.responseUrl('helpful'),
    });
    expect((await postSigned(url, interactionForm(click), { contentType: FORM })).status).toBe(200);
    await slack.waitFor(() => slack.callsTo('chat.postEphemeral').length === 1);
    expect(await feedbackRows(answerId)).toEqual([{ helpful: true, reason: null, comment: null }]);
    expect(slack.callsTo('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'D0HELPFUL', user: 'UAGENT1' });
  });

  it('opens a modal on "not helpful" and stores its reason and redacted comment', async () => {
    const answerId = await answerIn('D0UNHELPFUL');
    const click = buttonClick({
      actionId: 'feedback_not_helpful',
      value: answerId,
      channel: 'D0UNHELPFUL',
      responseUrl: slack.responseUrl('unhelpful'),
    });
    await postSigned(url, interactionForm(click), { contentType: FORM });
    await slack.waitFor(() => slack.callsTo('views.open').length === 1);
    const opened = slack.callsTo('views.open')[0]?.args;
    expect(opened?.trigger_id).toBe(click.trigger_id);
    const view = opened?.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('feedback_modal');

    const submission = viewSubmission({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        reason: { reason_select: { type: 'static_select', selected_option: { value: 'outdated' } } },
        comment: {
          comment_input: { type: 'plain_text_input', value: 'PayPal is faster now, ask jane.doe@example.com' },
        },
      },
    });
    const res = await postSigned(url, interactionForm(submission), { contentType: FORM });
    expect(res.status).toBe(200);
    const rows = await feedbackRows(answerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ helpful: false, reason: 'outdated' });
    expect(rows[0]?.comment).toContain('PayPal is faster now');
    expect(rows[0]?.comment).not.toContain('jane.doe@example.com');
  });

  it('rejects a modal submission without a reason with a field error', async () => {
    const answerId = await answerIn('D0NOREASON');
    const submission = viewSubmission({
      callbackId: 'feedback_modal',
      privateMetadata: JSON.stringify({ answerId }),
      values: { reason: { reason_select: { type: 'static_select', selected_option: null } } },
    });
    const res = await postSigned(url, interactionForm(submission), { contentType: FORM });
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { reason: 'Pick a reason.' } });
    expect(await feedbackRows(answerId)).toEqual([]);
  });

  it('answers /ask ephemerally and shares the same answer in the channel on request', async () => {
    const form = slashCommandForm({
      text: 'how long do refunds take?',
      channel: 'C0ASK',
      responseUrl: slack.responseUrl('ask'),
    });
    const res = await postSigned(url, form, { contentType: FORM });
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.callsTo('response_url').length === 1);
    const ephemeral = slack.callsTo('response_url')[0]?.args ?? {};
    expect(ephemeral.response_type).toBe('ephemeral');
    expect(ephemeral.text).toContain('5 to 10 business days');
    const blocks = JSON.stringify(ephemeral.blocks);
    expect(blocks).toContain('"action_id":"share_answer"');
    const answerId = /"action_id":"share_answer","value":"([0-9a-f-]{36})"/.exec(blocks)?.[1] ?? '';

    const share = buttonClick({
      actionId: 'share_answer',
      value: answerId,
      channel: 'C0ASK',
      ephemeral: true,
      responseUrl: slack.responseUrl('share'),
    });
    await postSigned(url, interactionForm(share), { contentType: FORM });
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1);
    const shared = slack.callsTo('chat.postMessage')[0]?.args ?? {};
    expect(shared.channel).toBe('C0ASK');
    expect(shared.text).toBe(ephemeral.text);
    expect(JSON.stringify(shared.blocks)).toContain('<@UAGENT1> shared an answer');
    expect(JSON.stringify(shared.blocks)).not.toContain('share_answer');
  });

  it('tells how to use /ask without a question', async () => {
    await postSigned(url, slashCommandForm({ text: '  ', responseUrl: slack.responseUrl('empty') }), {
      contentType: FORM,
    });
    await slack.waitFor(() => slack.callsTo('response_url').length === 1);
    expect(slack.callsTo('response_url')[0]?.args.text).toContain('Usage: `/ask <question>`');
    expect(openai.calls('/v1/chat/completions')).toBe(0);
  });
});
