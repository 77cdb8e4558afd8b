import { createHash } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AppError, describeFirstIssue } from '@support/db';
import { type RedactOptions, redact } from '@support/guardrails';
import type { Retrieval, SearchHit } from '@support/retrieval';
import {
  type Decision,
  decideAnswer,
  type Generated,
  generateText,
  type RedactedRequest,
  redactRequest,
  retrieveSources,
} from './answer-steps.js';
import type { AnswerStore } from './answer-store.js';
import {
  type Answer,
  type AnswerCitation,
  type AnswerEvent,
  type AnswerGrounding,
  AnswerRequest,
  type ParsedAnswerRequest,
} from './answer-types.js';
import { addJudgeUsage, streamedJudge } from './judge.js';
import type { GroundingPolicy } from './policy.js';
import type { PriceTable } from './pricing.js';
import { PROMPT_VERSION } from './prompt.js';
import type { AnswerDoor, AnswerRecord } from './queries/answers.js';
import { isRelevant } from './relevance.js';

const NO_USAGE = { promptTokens: 0, completionTokens: 0, costUsd: 0 };

/** The slice of a pino logger the copilot uses. */
export interface CopilotLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Tunables, each with a default. */
export interface CopilotOptions {
  policy?: GroundingPolicy;
  /** Sources given to the model. */
  maxSources?: number;
  /**
   * Abstain when no source reaches this vector similarity (calibrated for the local USE-lite
   * embedder). A function is read per question: the threshold follows the embedder when the
   * process moves to another model.
   */
  minRelevance?: number | (() => number);
  timeoutMs?: number;
  prices?: PriceTable;
  cache?: boolean;
  /** PII detection region for national phone numbers. */
  defaultRegion?: string;
  /** 'llm': ask the chat model about sentences in the grounding check's uncertain band (off by default). */
  groundingJudge?: 'off' | 'llm';
  /** Under strip, not-found sentences below this probability are removed, others annotated. */
  stripBelow?: number;
}

/** Who is asking, for one answer: where to log, when to give up, and which door it came through. */
export interface AnswerContext {
  signal?: AbortSignal;
  log?: CopilotLogger;
  /** Recorded on the answer-log row for the per-door statistics; left out, the door is unknown. */
  door?: AnswerDoor;
}

/** What createCopilot needs. */
export interface CopilotDeps {
  retrieval: Retrieval;
  answers: AnswerStore;
  /** null: no model configured, answers are extractive. */
  chatModel: BaseChatModel | null;
  /** The model's name, for the log and the price table. */
  modelName?: string | null;
  now?: () => number;
  options?: CopilotOptions;
}

/** The answer pipeline both apps share. */
export interface Copilot {
  /** Records feedback on an answer; its comment is redacted first. */
  feedback(input: {
    answerId: string;
    helpful: boolean;
    reason?: string | undefined;
    comment?: string | undefined;
  }): Promise<void>;
  /** A logged answer, as stored (redacted); not found when the audience may not see it. */
  findAnswer(id: string, scope: { audience: 'agent' | 'customer' }): Promise<Answer>;
  answer(request: AnswerRequest, ctx?: AnswerContext): Promise<Answer>;
  stream(request: AnswerRequest, ctx?: AnswerContext): AsyncGenerator<AnswerEvent>;
}

/**
 * Defaults of CopilotOptions, written only here; config.ts gives the environment the same. The
 * minimum relevance is the one calibrated for the default (local) embedder.
 */
export const COPILOT_DEFAULTS = { policy: 'strip', minRelevance: 0.4, timeoutMs: 20_000 } as const;

/**
 * Builds the pipeline: redact, retrieve, prompt, model (or extractive), resolve citations, check
 * grounding, apply the policy, restore placeholders, log the redacted exchange.
 * @example const copilot = createCopilot({ retrieval, answers: createAnswerStore(pool), chatModel: null });
 */
export function createCopilot(deps: CopilotDeps): Copilot {
  const now = deps.now ?? Date.now;
  const policy = deps.options?.policy ?? COPILOT_DEFAULTS.policy;
  const maxSources = deps.options?.maxSources ?? 5;
  const configuredRelevance = deps.options?.minRelevance ?? COPILOT_DEFAULTS.minRelevance;
  const minRelevance = typeof configuredRelevance === 'number' ? () => configuredRelevance : configuredRelevance;
  const timeoutMs = deps.options?.timeoutMs ?? COPILOT_DEFAULTS.timeoutMs;
  const prices = deps.options?.prices ?? {};
  const useCache = deps.options?.cache ?? true;
  const judgeModel =
    deps.options?.groundingJudge === 'llm' && deps.chatModel !== null ? streamedJudge(deps.chatModel) : null;
  const modelName = deps.chatModel === null ? null : (deps.modelName ?? 'unknown');
  const regionOption = (deps.options?.defaultRegion ? { defaultRegion: deps.options.defaultRegion } : {}) as Pick<
    RedactOptions,
    'defaultRegion'
  >;

  async function* stream(input: AnswerRequest, ctx: AnswerContext = {}) {
    const request = parse(input);
    const started = now();
    const timings = {
      redact: 0,
      retrieve: 0,
      generate: 0,
      check: 0,
      judge: 0,
      total: 0,
      firstToken: null as number | null,
    };

    const redacted = redactRequest(request, regionOption);
    const { unredact } = redacted;
    timings.redact = now() - started;

    const cacheKey = useCache && redacted.history.length === 0 ? cacheKeyOf(redacted.question, request) : null;
    const cached = cacheKey === null ? undefined : await deps.answers.findCached(cacheKey);
    if (cached !== undefined) {
      const answer = await saveCacheHit(cached, redacted, { ...timings, total: now() - started }, ctx.door);
      ctx.log?.info({ answerId: answer.id, ms: answer.timings.total }, 'answer.cache_hit');
      yield* replay(answer);
      return;
    }

    const retrieveStarted = now();
    const hits = await retrieveSources(deps.retrieval, request, redacted, maxSources, ctx.signal);
    timings.retrieve = now() - retrieveStarted;
    const sources = hits.map((hit, i) => toCitation(hit, i + 1));
    yield { type: 'sources' as const, sources };

    const relevant = isRelevant(hits, minRelevance());
    let generated: Generated = { text: '', degraded: false, usage: NO_USAGE, firstTokenAt: null };
    if (relevant) {
      const generateStarted = now();
      generated = yield* generateText({
        chatModel: deps.chatModel,
        modelName,
        redacted,
        hits,
        timeoutMs,
        prices,
        now,
        signal: ctx.signal,
        onDegraded: (error) => ctx.log?.warn({ reason: error.message, streamed: error.streamed }, 'answer.degraded'),
      });
      timings.generate = now() - generateStarted;
      timings.firstToken = generated.firstTokenAt === null ? null : generated.firstTokenAt - started;
    }

    const checkStarted = now();
    const decision = await decideAnswer(generated.text, {
      sources,
      hits,
      relevant,
      policy,
      question: redacted.question,
      judge: generated.degraded ? null : judgeModel,
      stripBelow: deps.options?.stripBelow,
    });
    timings.check = now() - checkStarted;
    if (decision.report.judge !== undefined) {
      generated = { ...generated, usage: addJudgeUsage(generated.usage, decision.report, prices, modelName) };
      if (decision.report.judge.calls > 0) timings.judge = timings.check;
    }
    if (decision.abstained) {
      // Whatever was streamed before, a client that renders deltas must end up reading the abstention.
      if (generated.text !== '') yield { type: 'reset' as const, reason: 'no supported answer' };
      yield { type: 'delta' as const, text: decision.finalText };
    }
    yield { type: 'grounding' as const, grounding: restoreGrounding(decision.grounding, unredact) };
    timings.total = now() - started;

    const answer = await saveAnswer(request, redacted, decision, generated, timings, cacheKey, ctx.door);
    ctx.log?.info(
      {
        answerId: answer.id,
        abstained: decision.abstained,
        degraded: generated.degraded,
        verdict: decision.grounding.verdict,
        sources: decision.citations.length,
        timings,
        usage: generated.usage,
      },
      'answer.completed',
    );
    yield { type: 'done' as const, answer };
  }

  // Step 5: log the redacted exchange (and cache it, pinned to the cited articles' versions);
  // the caller gets its own data back.
  async function saveAnswer(
    request: ParsedAnswerRequest,
    redacted: RedactedRequest,
    decision: Decision,
    generated: Generated,
    timings: Answer['timings'],
    cacheKey: string | null,
    door: AnswerDoor | undefined,
  ): Promise<Answer> {
    const { abstained, citations, grounding } = decision;
    const record = {
      audience: request.audience,
      question: redacted.question,
      answer: decision.finalText,
      citations,
      grounding,
      abstained,
      degraded: generated.degraded,
      model: modelName,
      promptVersion: PROMPT_VERSION,
      usage: generated.usage,
      timings,
      redactions: redacted.redactions,
    };
    const cacheable = cacheKey !== null && !abstained && !generated.degraded;
    const citedArticles = cacheable
      ? await deps.answers.articleHashes(citations.map((c) => ({ source: c.source, externalId: c.articleId })))
      : [];
    const saved = await deps.answers.save(
      { ...record, door: door ?? null },
      { cacheKey: cacheable ? cacheKey : null, citedArticles },
    );
    return {
      ...record,
      id: saved.id,
      text: redacted.unredact(decision.finalText),
      grounding: restoreGrounding(grounding, redacted.unredact),
      cached: false,
    };
  }

  // A cache hit is logged as an answer of its own (a copy, at no model cost) so that answers per
  // door, the cache hit rate and the feedback on what was actually served all come from the log.
  async function saveCacheHit(
    cached: AnswerRecord,
    redacted: RedactedRequest,
    timings: Answer['timings'],
    door: AnswerDoor | undefined,
  ): Promise<Answer> {
    const { id, createdAt: _, ...copy } = cached;
    const saved = await deps.answers.save(
      {
        ...copy,
        question: redacted.question,
        usage: NO_USAGE,
        timings,
        redactions: redacted.redactions,
        door: door ?? null,
        cachedFrom: id,
      },
      { cacheKey: null, citedArticles: [] },
    );
    return { ...fromRecord(cached, redacted.unredact, timings), id: saved.id, redactions: redacted.redactions };
  }

  return {
    stream,
    async feedback(input) {
      const comment = input.comment === undefined ? null : redact(input.comment, regionOption).text;
      const saved = await deps.answers.saveFeedback({
        answerId: input.answerId,
        helpful: input.helpful,
        reason: input.reason ?? null,
        comment,
      });
      if (!saved) throw new AppError('not_found', `answerId: no answer ${input.answerId}`);
    },
    async findAnswer(id, scope) {
      const record = await deps.answers.find(id);
      // A customer must not learn that an agent's answer (which may cite internal articles) exists.
      if (record === undefined || (scope.audience === 'customer' && record.audience !== 'customer'))
        throw new AppError('not_found', `no answer ${id}`);
      const answer = fromRecord(record, (text) => text, record.timings as Answer['timings']);
      return { ...answer, cached: false, usage: record.usage as Answer['usage'] };
    },
    async answer(request, ctx = {}) {
      for await (const event of stream(request, ctx)) if (event.type === 'done') return event.answer;
      throw new Error('the answer stream ended without an answer');
    },
  };
}

function parse(input: AnswerRequest): ParsedAnswerRequest {
  const parsed = AnswerRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', describeFirstIssue(parsed.error.issues, 'request'));
}

function toCitation(hit: SearchHit, n: number): AnswerCitation {
  const snippet = hit.text
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    n,
    articleId: hit.articleId,
    source: hit.source,
    title: hit.title,
    url: hit.url,
    snippet: snippet.length > 240 ? `${snippet.slice(0, 240)}…` : snippet,
  };
}

function restoreGrounding(grounding: AnswerGrounding, unredact: (text: string) => string): AnswerGrounding {
  return { ...grounding, sentences: grounding.sentences.map((s) => ({ ...s, text: unredact(s.text) })) };
}

// The same redacted question (case, spacing and end punctuation aside) with the same filters and
// audience is the same question.
function cacheKeyOf(question: string, request: ParsedAnswerRequest): string {
  const normalised = question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?.!]+$/, '')
    .trim();
  return createHash('sha256')
    .update(JSON.stringify([PROMPT_VERSION, normalised, request.filters, request.audience]))
    .digest('hex');
}

function* replay(answer: Answer): Generator<AnswerEvent> {
  yield { type: 'sources', sources: answer.citations };
  yield { type: 'delta', text: answer.text };
  yield { type: 'grounding', grounding: answer.grounding };
  yield { type: 'done', answer };
}

function fromRecord(record: AnswerRecord, unredact: (text: string) => string, timings: Answer['timings']): Answer {
  const grounding = record.grounding as AnswerGrounding;
  return {
    id: record.id,
    text: unredact(record.answer),
    citations: record.citations as AnswerCitation[],
    grounding: restoreGrounding(grounding, unredact),
    abstained: record.abstained,
    degraded: record.degraded,
    cached: true,
    redactions: record.redactions as Record<string, number>,
    model: record.model,
    promptVersion: record.promptVersion,
    usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
    timings,
  };
}
