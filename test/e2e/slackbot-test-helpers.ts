import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';

/** Methods that put a message in a conversation. */
const REPLY_METHODS = ['chat.postMessage', 'chat.startStream', 'chat.postEphemeral'];

/** Every call that posted into `channel`. */
export function repliesIn(calls: readonly SlackCall[], channel: string): SlackCall[] {
  return calls.filter((c) => REPLY_METHODS.includes(c.method) && c.args.channel === channel);
}

/** The final message of a reply in `channel`: the last chat.update or chat.postMessage carrying blocks. */
export function finalUpdateIn(calls: readonly SlackCall[], channel: string): SlackCall | undefined {
  return calls
    .filter(
      (c) => ['chat.update', 'chat.postMessage'].includes(c.method) && c.args.channel === channel && c.args.blocks,
    )
    .at(-1);
}

/** Waits for the final message in `channel` and returns it. */
export async function waitForFinal(slack: FakeSlack, channel: string, logs?: string[]): Promise<SlackCall> {
  await slack
    .waitFor((calls) => finalUpdateIn(calls, channel) !== undefined)
    .catch((error: unknown) => {
      if (logs) process.stderr.write(logs.filter((l) => !l.includes('"level":20')).join(''));
      throw error;
    });
  return finalUpdateIn(slack.calls, channel) as SlackCall;
}

/** The text streamed into chat.startStream / appendStream / stopStream calls in order. */
export function streamedText(calls: readonly SlackCall[]): string {
  return calls
    .filter((c) => ['chat.startStream', 'chat.appendStream', 'chat.stopStream'].includes(c.method))
    .flatMap((c) => (c.args.chunks as { text?: string }[] | undefined) ?? [])
    .map((chunk) => chunk.text ?? '')
    .join('');
}

/** The answer id carried by the feedback buttons of a message's blocks. */
export function answerIdOf(call: SlackCall): string {
  const match = /"action_id":"feedback_helpful","value":"([0-9a-f-]{36})"/.exec(JSON.stringify(call.args.blocks));
  if (!match?.[1]) throw new Error('the message has no feedback buttons');
  return match[1];
}

/** Resolves once `count` log lines contain `message`. */
export async function waitForLog(logs: string[], message: string, count = 1, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (logs.filter((l) => l.includes(`"msg":"${message}"`)).length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`no ${count}× ${message} in the logs after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
