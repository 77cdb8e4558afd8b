import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Answer, Copilot, CopilotLogger } from '@support/copilot';
import { isAppError } from '@support/db';
import { redact } from '@support/guardrails';
import type { ChannelSettings, SlackState } from '@support/slack-state';
import { buildAnswerMessage } from '../blocks/answer-message.js';
import { buildApologyMessage, buildRefusalMessage, LOADING_MESSAGES } from '../blocks/notices.js';
import type { SlackMessage } from '../blocks/slack-types.js';
import { createAnswerSlots } from './answer-slots.js';
import { createReplyWriter, type ReplyTarget, type ReplyWriterOptions } from './reply-writer.js';

type WebClient = webApi.WebClient;

/** The slice of a pino logger the bot uses (child loggers per event). */
export interface BotLogger extends CopilotLogger {
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  child(bindings: object): BotLogger;
}

/** A question as a listener hands it over: who asked, where, and under which channel settings. */
export interface Question {
  text: string;
  target: ReplyTarget;
  audience: 'agent' | 'customer';
  settings: ChannelSettings;
}

/** Answers questions for the listeners: history from the transcript, streaming, apology on failure. */
export interface AnswerService {
  /** Answers in the target thread (streamed, or ephemeral when the channel says so) and records the turns. */
  answerInThread(client: WebClient, question: Question, log: BotLogger): Promise<void>;
  /** The whole answer, not streamed (for /ask: no thread, so no transcript), or an apology on failure. */
  answerOnce(question: Question, log: BotLogger): Promise<{ message: SlackMessage; answer: Answer | null }>;
}

/** How many earlier turns a follow-up sends as history (the copilot accepts up to 20). */
const HISTORY_TURNS = 10;
/** Answers in flight at once unless configured (SLACK_MAX_CONCURRENT_ANSWERS). */
export const DEFAULT_MAX_CONCURRENT_ANSWERS = 8;

/** Builds the answer service the listeners share. */
export function createAnswerService(deps: {
  copilot: Copilot;
  state: SlackState;
  writer?: ReplyWriterOptions;
  /** Answers in flight at once; more wait their turn (their placeholder and status already shown). */
  maxConcurrentAnswers?: number;
}): AnswerService {
  // Once a workspace has shown it cannot stream, later replies go straight to the placeholder.
  let streaming: 'stream' | 'update' = deps.writer?.initialMode ?? 'stream';
  const slots = createAnswerSlots(deps.maxConcurrentAnswers ?? DEFAULT_MAX_CONCURRENT_ANSWERS);

  async function ask(question: Question, log: BotLogger) {
    const thread = { channelId: question.target.channelId, threadTs: question.target.threadTs };
    const history = (await deps.state.transcript.recent(thread, HISTORY_TURNS)).map((t) => ({
      role: t.role,
      content: t.content,
    }));
    const filters = {
      ...(question.settings.tags.length > 0 ? { tags: question.settings.tags } : {}),
      ...(question.settings.sources.length > 0 ? { sources: question.settings.sources } : {}),
    };
    return deps.copilot.stream(
      { question: question.text, history, filters, audience: question.audience },
      { log, door: 'slack' },
    );
  }

  // Only redacted text is kept: the question and answer are redacted with one mapping, so a value
  // has the same placeholder in both.
  async function record(question: Question, answer: Answer): Promise<void> {
    const asked = redact(question.text);
    const answered = redact(answer.text, { mapping: asked.mapping });
    await deps.state.transcript.append({ channelId: question.target.channelId, threadTs: question.target.threadTs }, [
      { role: 'user', content: asked.text, answerId: null },
      { role: 'assistant', content: answered.text, answerId: answer.id },
    ]);
  }

  function apologise(error: unknown, log: BotLogger): SlackMessage {
    // A question the copilot refuses (too long, say) is the asker's to fix: tell them what was wrong.
    if (isAppError(error) && error.code === 'invalid_input') {
      log.info({ reason: error.message }, 'answer.refused');
      return buildRefusalMessage(error.message);
    }
    const referenceId = randomUUID().slice(0, 8);
    log.error({ err: error, referenceId }, 'answer.failed');
    return buildApologyMessage(referenceId);
  }

  async function answerOnce(question: Question, log: BotLogger) {
    try {
      const answer = await slots.run(async () => {
        let done: Answer | null = null;
        for await (const event of await ask(question, log)) if (event.type === 'done') done = event.answer;
        return done;
      });
      if (answer === null) throw new Error('the answer stream ended without an answer');
      return { message: buildAnswerMessage(answer, { shareable: true }), answer };
    } catch (error) {
      return { message: apologise(error, log), answer: null };
    }
  }

  async function answerEphemeral(client: WebClient, question: Question, log: BotLogger): Promise<void> {
    const { message, answer } = await answerOnce(question, log);
    if (answer !== null) await record(question, answer);
    await client.chat.postEphemeral({
      channel: question.target.channelId,
      user: question.target.userId,
      thread_ts: question.target.threadTs,
      ...message,
    });
  }

  async function setStatus(client: WebClient, target: ReplyTarget, log: BotLogger): Promise<void> {
    try {
      await client.assistant.threads.setStatus({
        channel_id: target.channelId,
        thread_ts: target.threadTs,
        status: 'is looking this up…',
        loading_messages: [...LOADING_MESSAGES],
      });
    } catch (error) {
      // Surfaces without the assistant feature refuse it; the reply itself still goes out.
      log.debug({ err: error }, 'status.unavailable');
    }
  }

  return {
    answerOnce,
    async answerInThread(client, question, log) {
      if (question.settings.ephemeral) return answerEphemeral(client, question, log);
      const writer = createReplyWriter(client, question.target, {
        ...deps.writer,
        initialMode: streaming,
        onStreamingUnavailable: (code) => {
          streaming = 'update';
          log.warn({ code }, 'streaming.unavailable');
        },
      });
      try {
        await Promise.all([setStatus(client, question.target, log), writer.start()]);
        if (slots.waiting() > 0) log.info({ waiting: slots.waiting() }, 'answer.queued');
        const answer = await slots.run(async () => {
          let done: Answer | null = null;
          for await (const event of await ask(question, log)) {
            if (event.type === 'delta') await writer.append(event.text);
            else if (event.type === 'reset') writer.reset();
            else if (event.type === 'done') done = event.answer;
          }
          return done;
        });
        if (answer === null) throw new Error('the answer stream ended without an answer');
        // Recorded before the final message goes out, so a follow-up sent the moment the agent
        // sees it already finds the thread answered.
        await record(question, answer);
        const sent = await writer.finish(buildAnswerMessage(answer));
        log.info({ answerId: answer.id, ts: sent.ts, mode: sent.mode, abstained: answer.abstained }, 'reply.sent');
      } catch (error) {
        await writer.finish(apologise(error, log)).catch((failure: unknown) => {
          log.error({ err: failure }, 'reply.apology_failed');
        });
      }
    },
  };
}
