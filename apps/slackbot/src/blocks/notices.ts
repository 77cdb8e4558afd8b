import { escapeMrkdwn } from './mrkdwn.js';
import type { SlackMessage } from './slack-types.js';

/** Shown when the pipeline failed: never silence, and a reference the team can find in the logs. */
export function buildApologyMessage(referenceId: string): SlackMessage {
  const text = `Sorry, I couldn't answer that just now. Please try again in a moment. (Reference: ${referenceId})`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Shown when the copilot refused the question itself, with its reason (`question: must be at most …`). */
export function buildRefusalMessage(reason: string): SlackMessage {
  const text = `I can't answer that as asked: ${reason}.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
}

/** The placeholder posted before the first words arrive, when streaming is not available. */
export const PLACEHOLDER_TEXT = '_Looking through the knowledge base…_';

/** Loading messages for assistant.threads.setStatus. */
export const LOADING_MESSAGES = ['Reading the knowledge base…', 'Checking the sources…', 'Writing an answer…'] as const;

/** Prompts offered when an agent opens a new conversation with the assistant. */
export const SUGGESTED_PROMPTS = [
  {
    title: 'Refund timing',
    message: 'A customer says their refund has not arrived after 10 days. What do I tell them?',
  },
  { title: 'Change an order', message: 'Can a customer change the shipping address after ordering?' },
  { title: 'Escalation', message: 'When should I escalate a refund to a team lead?' },
] as const;

/** The greeting posted in the Messages tab the first time an agent opens it. */
export function buildWelcomeMessage(): SlackMessage {
  const text =
    'Hi! Ask me anything about our help articles, here or by mentioning me in a channel. ' +
    'I answer from the knowledge base, cite my sources, and keep customer data out of the logs.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
