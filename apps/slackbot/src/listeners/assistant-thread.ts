import type { App } from '@slack/bolt';
import { SUGGESTED_PROMPTS } from '../blocks/notices.js';
import type { ListenerDeps } from './listener-deps.js';
import { AssistantThreadStarted } from './slack-payloads.js';

/**
 * A new conversation in the assistant container: a greeting and suggested prompts. The questions
 * then arrive as message.im in that thread and are answered there.
 */
export function registerAssistantThread(app: App, deps: ListenerDeps): void {
  app.event('assistant_thread_started', async ({ event, client }) => {
    const parsed = AssistantThreadStarted.safeParse(event);
    if (!parsed.success) return;
    const { channel_id: channel, thread_ts: threadTs } = parsed.data.assistant_thread;
    await client.assistant.threads.setSuggestedPrompts({
      channel_id: channel,
      thread_ts: threadTs,
      title: 'Ask about any help article:',
      prompts: SUGGESTED_PROMPTS.map((p) => ({ title: p.title, message: p.message })),
    });
    deps.logger.debug({ channel }, 'assistant.thread_started');
  });
}
