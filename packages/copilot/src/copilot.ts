import { createHash } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AppError, describeFirstIssue } from '@support/db';
import { checkGrounding, type PiiMapping, type RedactOptions, redact, restore } from '@support/guardrails';
import type { Retrieval, SearchHit } from '@support/retrieval';
import type { AnswerStore } from './answer-store.js';
import {
  type Answer,
  type AnswerCitation,
  type AnswerEvent,
  type AnswerGrounding,
  AnswerRequest,
  type ParsedAnswerRequest,
} from './answer-types.js';
import { resolveCitations } from './citations.js';
import { composeExtractive } from './extractive.js';
import { GenerationError, generateStream } from './generate.js';
import { applyPolicy, type GroundingPolicy } from './policy.js';
import { costUsd, type PriceTable } from './pricing.js';
import { buildMessages, PROMPT_VERSION } from './prompt.js';
import { isRelevant } from './relevance.js';
import { createStreamRestorer } from './stream-restorer.js';

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
  /** Abstain when no source reaches this vector similarity (calibrated for the local USE-lite embedder). */
  minRelevance?: number;
  timeoutMs?: number;
  prices?: PriceTable;
  cache?: boolean;
  /** PII detection region for national phone numbers. */
  defaultRegion?: string;
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
  answer(request: AnswerRequest, ctx?: { signal?: AbortSignal; log?: CopilotLogger }): Promise<Answer>;
  stream(request: AnswerRequest, ctx?: { signal?: AbortSignal; log?: CopilotLogger }): AsyncGenerator<AnswerEvent>;
}

/** The message an abstention starts with. */
export const ABSTAIN_TEXT = "I couldn't find this in the knowledge base.";

/**
 * Builds the pipeline: redact, retrieve, prompt, model (or extractive), resolve citations, check
 * grounding, apply the policy, restore placeholders, log the redacted exchange.
 * @example const copilot = createCopilot({ retrieval, answers: createAnswerStore(pool), chatModel: null });
 */
export function createCopilot(deps: CopilotDeps): Copilot {
  const now = deps.now ?? Date.now;
  const policy = deps.options?.policy ?? 'strip';
  const maxSources = deps.options?.maxSources ?? 5;
  const minRelevance = deps.options?.minRelevance ?? 0.4;
  const timeoutMs = deps.options?.timeoutMs ?? 20_000;
  const prices = deps.options?.prices ?? {};
  const useCache = deps.options?.cache ?? true;
  const modelName = deps.chatModel === null ? null : (deps.modelName ?? 'unknown');
  const regionOption = (deps.options?.defaultRegion ? { defaultRegion: deps.options.defaultRegion } : {}) as Pick<
    RedactOptions,
    'defaultRegion'
  >;

  async function* stream(input: AnswerRequest, ctx: { signal?: AbortSignal; log?: CopilotLogger } = {}) {
    const request = parse(input);
    const started = now();
    const timings = { redact: 0, retrieve: 0, generate: 0, check: 0, total: 0, firstToken: null as number | null };

    // 1. Redact the question and the history with one mapping, so a value keeps its placeholder.
    let mapping: PiiMapping = {};
    const redactions: Record<string, number> = {};
    const redactText = (text: string) => {
      const result = redact(text, { mapping, ...regionOption });
      mapping = result.mapping;
      for (const span of result.spans) redactions[span.type] = (redactions[span.type] ?? 0) + 1;
      return result.text;
    };
    const history = request.history.map((turn) => ({ role: turn.role, content: redactText(turn.content) }));
    const question = redactText(request.question);
    const unredact = (text: string) => restore(text, mapping);
    timings.redact = now() - started;

    const cacheKey = useCache && history.length === 0 ? cacheKeyOf(question, request) : null;
    if (cacheKey !== null) {
      const cached = await deps.answers.findCached(cacheKey);
      if (cached !== undefined) {
        const answer = fromRecord(cached, unredact, { ...timings, total: now() - started });
        ctx.log?.info({ answerId: answer.id, ms: answer.timings.total }, 'answer.cache_hit');
        yield { type: 'sources' as const, sources: answer.citations };
        yield { type: 'delta' as const, text: answer.text };
        yield { type: 'grounding' as const, grounding: answer.grounding };
        yield { type: 'done' as const, answer };
        return;
      }
    }

    // 2. Retrieve with the audience's visibility; a follow-up borrows the previous user turn.
    const retrieveStarted = now();
    const lastUserTurn = [...history].reverse().find((t) => t.role === 'user')?.content;
    const query = question.split(/\s+/).length < 6 && lastUserTurn ? `${lastUserTurn}\n${question}` : question;
    const { hits: chunks } = await deps.retrieval.search(
      {
        query,
        k: maxSources * 3,
        perArticle: false,
        filters: { ...request.filters, visibility: request.audience === 'agent' ? ['public', 'internal'] : ['public'] },
      },
      ctx.signal ? { signal: ctx.signal } : {},
    );
    const hits = groupByArticle(chunks, maxSources);
    timings.retrieve = now() - retrieveStarted;
    const sources = hits.map((hit, i) => toCitation(hit, i + 1));
    yield { type: 'sources' as const, sources };

    const relevant = isRelevant(hits, minRelevance);
    let text: string;
    let degraded = false;
    let usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
    if (!relevant) {
      text = '';
    } else {
      // 3. Generate: the model, or the extractive composer (no model, or the model failed).
      const generateStarted = now();
      const restorer = createStreamRestorer(unredact);
      const extractive = () =>
        composeExtractive(
          question,
          hits.map((h, i) => ({ n: i + 1, text: h.text })),
        );
      if (deps.chatModel === null) {
        text = extractive();
        yield { type: 'delta' as const, text: unredact(text) };
      } else {
        try {
          const messages = buildMessages(
            question,
            history,
            hits.map((h, i) => ({ n: i + 1, title: h.title, text: h.text })),
          );
          const deltas = generateStream(deps.chatModel, messages, {
            timeoutMs,
            now,
            ...(ctx.signal ? { signal: ctx.signal } : {}),
          });
          let step = await deltas.next();
          while (!step.done) {
            const ready = restorer.push(step.value);
            if (ready !== '') yield { type: 'delta' as const, text: ready };
            step = await deltas.next();
          }
          const rest = restorer.flush();
          if (rest !== '') yield { type: 'delta' as const, text: rest };
          const generation = step.value;
          text = generation.text;
          timings.firstToken = generation.firstTokenAt === null ? null : generation.firstTokenAt - started;
          usage = {
            promptTokens: generation.promptTokens,
            completionTokens: generation.completionTokens,
            costUsd: costUsd(prices, modelName, generation.promptTokens, generation.completionTokens),
          };
        } catch (error) {
          if (!(error instanceof GenerationError)) throw error;
          ctx.log?.warn({ reason: error.message, streamed: error.streamed }, 'answer.degraded');
          if (error.streamed) yield { type: 'reset' as const, reason: error.message };
          degraded = true;
          text = extractive();
          yield { type: 'delta' as const, text: unredact(text) };
        }
      }
      timings.generate = now() - generateStarted;
    }

    // 4. Citations, grounding, policy.
    const checkStarted = now();
    const resolved = resolveCitations(text, sources);
    const report = checkGrounding(
      resolved.text,
      hits.map((h) => ({ text: h.text, title: h.title })),
    );
    const decided = applyPolicy(resolved.text, report, policy);
    timings.check = now() - checkStarted;
    const abstained = !relevant || decided.abstain || resolved.text.trim() === '';
    const finalText = abstained ? abstainText(sources) : decided.text;
    const citations = abstained ? [] : resolved.citations;
    const grounding: AnswerGrounding = decided.grounding;
    if (abstained) {
      // Whatever was streamed before, a client that renders deltas must end up reading the abstention.
      if (text !== '') yield { type: 'reset' as const, reason: 'no supported answer' };
      yield { type: 'delta' as const, text: finalText };
    }
    yield { type: 'grounding' as const, grounding: restoreGrounding(grounding, unredact) };
    timings.total = now() - started;

    // 5. Log the redacted exchange; the caller gets its own data back.
    const record = {
      audience: request.audience,
      question,
      answer: finalText,
      citations,
      grounding,
      abstained,
      degraded,
      model: modelName,
      promptVersion: PROMPT_VERSION,
      usage,
      timings,
      redactions,
    };
    const cacheable = cacheKey !== null && !abstained && !degraded;
    const citedArticles = cacheable
      ? await deps.answers.articleHashes(citations.map((c) => ({ source: c.source, externalId: c.articleId })))
      : [];
    const saved = await deps.answers.save(record, { cacheKey: cacheable ? cacheKey : null, citedArticles });
    const answer: Answer = {
      ...record,
      id: saved.id,
      text: unredact(finalText),
      grounding: restoreGrounding(grounding, unredact),
      cached: false,
    };
    ctx.log?.info(
      {
        answerId: answer.id,
        abstained,
        degraded,
        verdict: grounding.verdict,
        sources: citations.length,
        timings,
        usage,
      },
      'answer.completed',
    );
    yield { type: 'done' as const, answer };
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

/**
 * One source per article, in order of its best chunk, holding up to three of its matching chunks
 * in article order: the passage that answers is often not the one that matched best.
 */
function groupByArticle(chunks: SearchHit[], maxSources: number): SearchHit[] {
  const groups = new Map<string, SearchHit[]>();
  for (const chunk of chunks) {
    const key = `${chunk.source}\u0000${chunk.articleId}`;
    const group = groups.get(key);
    if (group === undefined) {
      if (groups.size < maxSources) groups.set(key, [chunk]);
    } else if (group.length < 3) group.push(chunk);
  }
  return [...groups.values()].map((group) => {
    const [best, ...rest] = group as [SearchHit, ...SearchHit[]];
    const ordered = [best, ...rest].sort((a, b) => a.chunkId - b.chunkId);
    return { ...best, text: ordered.map(withSectionHeading).join('\n\n') };
  });
}

// A chunk's own section heading lives in its heading path, not its text; put it back, because
// "How long a refund takes" is often what makes "5-10 business days" the answer.
function withSectionHeading(chunk: SearchHit): string {
  const heading = chunk.headingPath.at(-1);
  return heading === undefined || chunk.text.trimStart().startsWith('#')
    ? chunk.text
    : `## ${heading}\n\n${chunk.text}`;
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

function abstainText(sources: AnswerCitation[]): string {
  if (sources.length === 0) return ABSTAIN_TEXT;
  const closest = sources.slice(0, 3).map((s) => `- ${s.title}${s.url ? ` (${s.url})` : ''}`);
  return `${ABSTAIN_TEXT} The closest articles are:\n${closest.join('\n')}`;
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

function fromRecord(
  record: Awaited<ReturnType<AnswerStore['find']>> & object,
  unredact: (text: string) => string,
  timings: Answer['timings'],
): Answer {
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
