import { describe, expect, it } from 'vitest';
import {
  buttonClick,
  eventEnvelope,
  interactionForm,
  messageEvent,
  postSigned,
  slashCommandForm,
  viewSubmission,
} from '../fakes/slack-requests.js';
import { REFUND_REPLY, useSlackbotSuite } from './slackbot-harness.js';
import { answerIdOf, waitForFinal } from './slackbot-test-helpers.js';

const FORM = 'application/x-www-form-urlencoded';

// Buttons, the feedback modal, /ask and "Share in channel".
describe('Slack bot interactions', () => {
  const suite = useSlackbotSuite({ defaultReply: REFUND_REPLY });
  const feedbackRows = async (answerId: string) =>
    (
      await suite.harness.db.pool.query<{ helpful: boolean; reason: string | null; comment: string | null }>(
        'SELECT helpful, reason, comment FROM feedback WHERE answer_id = $1::uuid ORDER BY id',
        [answerId],
      )
    ).rows;
  const answerIn = async (channel: string) => {
    await postSigned(
      suite.url,
      JSON.stringify(eventEnvelope(messageEvent({ text: 'how long do refunds take?', channel }))),
    );
    return answerIdOf(await waitForFinal(suite.slack, channel, suite.harness.logs));
  };

  it('records "helpful" against the answer and thanks the agent privately', async () => {
    const answerId = await answerIn('D0HELPFUL');
    const click = buttonClick({
      actionId: 'feedback_helpful',
      value: answerId,
      channel: 'D0HELPFUL',
      threadTs: '1750000100.000001',
      responseUrl: suite.slack.responseUrl('helpful'),
    });
    expect((await postSigned(suite.url, interactionForm(click), { contentType: FORM })).status).toBe(200);
    await suite.slack.waitFor(() => suite.slack.callsTo('chat.postEphemeral').length === 1);
    expect(await feedbackRows(answerId)).toEqual([{ helpful: true, reason: null, comment: null }]);
    expect(suite.slack.callsTo('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'D0HELPFUL', user: 'UAGENT1' });
  });

  it('opens a modal on "not helpful" and stores its reason and redacted comment', async () => {
    const answerId = await answerIn('D0UNHELPFUL');
    const click = buttonClick({
      actionId: 'feedback_not_helpful',
      value: answerId,
      channel: 'D0UNHELPFUL',
      responseUrl: suite.slack.responseUrl('unhelpful'),
    });
    await postSigned(suite.url, interactionForm(click), { contentType: FORM });
    await suite.slack.waitFor(() => suite.slack.callsTo('views.open').length === 1);
    const opened = suite.slack.callsTo('views.open')[0]?.args;
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
    const res = await postSigned(suite.url, interactionForm(submission), { contentType: FORM });
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
    const res = await postSigned(suite.url, interactionForm(submission), { contentType: FORM });
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { reason: 'Pick a reason.' } });
    expect(await feedbackRows(answerId)).toEqual([]);
  });

  it('answers /ask ephemerally and shares the same answer in the channel on request', async () => {
    const form = slashCommandForm({
      text: 'how long do refunds take?',
      channel: 'C0ASK',
      responseUrl: suite.slack.responseUrl('ask'),
    });
    const res = await postSigned(suite.url, form, { contentType: FORM });
    expect(res.status).toBe(200);
    await suite.slack.waitFor(() => suite.slack.callsTo('response_url').length === 1);
    const ephemeral = suite.slack.callsTo('response_url')[0]?.args ?? {};
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
      responseUrl: suite.slack.responseUrl('share'),
    });
    await postSigned(suite.url, interactionForm(share), { contentType: FORM });
    await suite.slack.waitFor(() => suite.slack.callsTo('chat.postMessage').length === 1);
    const shared = suite.slack.callsTo('chat.postMessage')[0]?.args ?? {};
    expect(shared.channel).toBe('C0ASK');
    expect(shared.text).toBe(ephemeral.text);
    expect(JSON.stringify(shared.blocks)).toContain('<@UAGENT1> shared an answer');
    expect(JSON.stringify(shared.blocks)).not.toContain('share_answer');
  });

  it('tells how to use /ask without a question', async () => {
    await postSigned(suite.url, slashCommandForm({ text: '  ', responseUrl: suite.slack.responseUrl('empty') }), {
      contentType: FORM,
    });
    await suite.slack.waitFor(() => suite.slack.callsTo('response_url').length === 1);
    expect(suite.slack.callsTo('response_url')[0]?.args.text).toContain('Usage: `/ask <question>`');
    expect(suite.openai.calls('/v1/chat/completions')).toBe(0);
  });
});
