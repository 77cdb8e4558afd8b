import { z } from 'zod';

// The fields of Slack's payloads the bot relies on, checked at the door; everything else passes.

/** A user's message (app_mention, message.im, a thread reply); bot and system messages fail it. */
export const UserMessage = z.object({
  type: z.enum(['app_mention', 'message']),
  user: z.string().min(1),
  text: z.string(),
  ts: z.string().min(1),
  channel: z.string().min(1),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  // Absent on a person's new message; present on bot messages, edits, joins, file shares.
  subtype: z.never({ error: 'a message with a subtype is not a question' }).optional(),
  bot_id: z.never({ error: 'a bot message is not a question' }).optional(),
  edited: z.never({ error: 'an edit is not a new question' }).optional(),
});
export type UserMessage = z.infer<typeof UserMessage>;

/** The event envelope's fields: the event id dedupe keys on, and whether the channel is shared. */
export const EventEnvelope = z.object({
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  is_ext_shared_channel: z.boolean().optional(),
});

/** assistant_thread_started: the new conversation's channel and thread. */
export const AssistantThreadStarted = z.object({
  assistant_thread: z.object({ channel_id: z.string().min(1), thread_ts: z.string().min(1), user_id: z.string() }),
});

/** The feedback modal's submitted state. */
export const FeedbackSubmission = z.object({
  private_metadata: z.string().transform((text, ctx) => {
    const parsed = z.object({ answerId: z.string().uuid() }).safeParse(JSON.parse(text || '{}'));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: 'private_metadata: expected {"answerId": uuid}' });
    return z.NEVER;
  }),
  state: z.object({
    values: z.object({
      reason: z.object({
        reason_select: z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() }),
      }),
      comment: z.object({ comment_input: z.object({ value: z.string().nullable().optional() }) }).optional(),
    }),
  }),
});

/** Removes `<@U…>` mentions (of the bot or anyone) and tidies the spacing. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
