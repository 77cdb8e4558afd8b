import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  checkGrounding,
  checkGroundingAsync,
  type GroundingReport,
  type JudgeModel,
  type PiiMapping,
  type RedactOptions,
  redact,
  restore,
} from '@support/guardrails';
import type { Retrieval, SearchHit } from '@support/retrieval';
import type { AnswerCitation, AnswerEvent, AnswerGrounding, AnswerUsage, ParsedAnswerRequest } from './answer-types.js';
import { resolveCitations } from './citations.js';
import { composeExtractive } from './extractive.js';
import { GenerationError, generateStream } from './generate.js';
import { applyPolicy, type GroundingPolicy } from './policy.js';
import { costUsd, type PriceTable } from './pricing.js';
import { buildMessages } from './prompt.js';
import { createStreamRestorer } from './stream-restorer.js';

// The steps of copilot.stream(), in order. Each takes what it needs and returns what the next reads.

/** The question and history with PII replaced by placeholders (one mapping for both), and how to undo it. */
export interface RedactedRequest {
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  /** How many values of each PII type were replaced. */
  redactions: Record<string, number>;
  unredact(text: string): string;
}

/** Step 1: redacts the question and the history with one mapping, so a value keeps its placeholder. */
export function redactRequest(
  request: ParsedAnswerRequest,
  options: Pick<RedactOptions, 'defaultRegion'>,
): RedactedRequest {
  let mapping: PiiMapping = {};
  const redactions: Record<string, number> = {};
  const redactText = (text: string) => {
    const result = redact(text, { mapping, ...options });
    mapping = result.mapping;
    for (const span of result.spans) redactions[span.type] = (redactions[span.type] ?? 0) + 1;
    return result.text;
  };
  const history = request.history.map((turn) => ({ role: turn.role, content: redactText(turn.content) }));
  const question = redactText(request.question);
  return { question, history, redactions, unredact: (text) => restore(text, mapping) };
}

/**
 * Step 2: retrieves what the audience may see (a follow-up borrows the previous user turn)
 * and groups the chunks into up to `maxSources` articles.
 */
export async function retrieveSources(
  retrieval: Retrieval,
  request: ParsedAnswerRequest,
  redacted: RedactedRequest,
  maxSources: number,
  signal: AbortSignal | undefined,
): Promise<SearchHit[]> {
  const { question, history } = redacted;
  const lastUserTurn = [...history].reverse().find((t) => t.role === 'user')?.content;
  const query = question.split(/\s+/).length < 6 && lastUserTurn ? `${lastUserTurn}\n${question}` : question;
  const { hits } = await retrieval.search(
    {
      query,
      k: maxSources * 3,
      perArticle: false,
      // Everything the audience may see: retrieval keeps a customer to public articles.
      filters: { ...request.filters, visibility: ['public', 'internal'] },
    },
    { audience: request.audience, ...(signal ? { signal } : {}) },
  );
  return groupByArticle(hits, maxSources);
}

/** What generating produced. */
export interface Generated {
  text: string;
  degraded: boolean;
  usage: AnswerUsage;
  firstTokenAt: number | null;
}

/**
 * Step 3: the model's answer streamed as deltas (placeholders restored, a split one held back),
 * or the extractive composer's when there is no model or the model failed (after a `reset` when
 * text was already streamed). Returns the redacted text.
 */
export async function* generateText(options: {
  chatModel: BaseChatModel | null;
  modelName: string | null;
  redacted: RedactedRequest;
  hits: SearchHit[];
  timeoutMs: number;
  prices: PriceTable;
  now: () => number;
  signal: AbortSignal | undefined;
  onDegraded: (error: GenerationError) => void;
}): AsyncGenerator<AnswerEvent, Generated> {
  const { chatModel, redacted, hits } = options;
  const noUsage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
  const extractive = () =>
    composeExtractive(
      redacted.question,
      hits.map((h, i) => ({ n: i + 1, title: h.title, text: h.text, score: h.score })),
    );
  if (chatModel === null) {
    const text = extractive();
    yield { type: 'delta', text: redacted.unredact(text) };
    return { text, degraded: false, usage: noUsage, firstTokenAt: null };
  }
  try {
    const messages = buildMessages(
      redacted.question,
      redacted.history,
      hits.map((h, i) => ({ n: i + 1, title: h.title, text: h.text })),
    );
    const deltas = generateStream(chatModel, messages, {
      timeoutMs: options.timeoutMs,
      now: options.now,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const restorer = createStreamRestorer(redacted.unredact);
    let step = await deltas.next();
    while (!step.done) {
      const ready = restorer.push(step.value);
      if (ready !== '') yield { type: 'delta', text: ready };
      step = await deltas.next();
    }
    const rest = restorer.flush();
    if (rest !== '') yield { type: 'delta', text: rest };
    const generation = step.value;
    const { promptTokens, completionTokens } = generation;
    return {
      text: generation.text,
      degraded: false,
      usage: {
        promptTokens,
        completionTokens,
        costUsd: costUsd(options.prices, options.modelName, promptTokens, completionTokens),
      },
      firstTokenAt: generation.firstTokenAt,
    };
  } catch (error) {
    if (!(error instanceof GenerationError)) throw error;
    options.onDegraded(error);
    if (error.streamed) yield { type: 'reset', reason: error.message };
    const text = extractive();
    yield { type: 'delta', text: redacted.unredact(text) };
    return { text, degraded: true, usage: noUsage, firstTokenAt: null };
  }
}

/** What the answer says in the end, and whether it abstains. */
export interface Decision {
  /** Redacted, as logged. */
  finalText: string;
  citations: AnswerCitation[];
  grounding: AnswerGrounding;
  abstained: boolean;
}

/**
 * Step 4: resolves citations, checks grounding against the sources (asking `judge` about the
 * uncertain sentences, when given) and applies the policy. The report is returned for its judge usage.
 */
export async function decideAnswer(
  text: string,
  context: {
    sources: AnswerCitation[];
    hits: SearchHit[];
    relevant: boolean;
    policy: GroundingPolicy;
    question?: string;
    judge?: JudgeModel | null;
    stripBelow?: number | undefined;
  },
): Promise<Decision & { report: GroundingReport }> {
  const { sources, hits, relevant, policy } = context;
  const resolved = resolveCitations(text, sources);
  const groundingSources = hits.map((h) => ({ text: h.text, title: h.title }));
  const options = context.question === undefined ? {} : { question: context.question };
  const report =
    context.judge === null || context.judge === undefined
      ? checkGrounding(resolved.text, groundingSources, options)
      : await checkGroundingAsync(resolved.text, groundingSources, { ...options, judge: context.judge });
  const decided = applyPolicy(resolved.text, report, policy, context.stripBelow);
  const abstained = !relevant || decided.abstain || resolved.text.trim() === '';
  return {
    finalText: abstained ? abstainText(sources) : decided.text,
    citations: abstained ? [] : resolved.citations,
    grounding: decided.grounding,
    abstained,
    report,
  };
}

/** The message an abstention starts with. */
export const ABSTAIN_TEXT = "I couldn't find this in the knowledge base.";

function abstainText(sources: AnswerCitation[]): string {
  if (sources.length === 0) return ABSTAIN_TEXT;
  const closest = sources.slice(0, 3).map((s) => `- ${s.title}${s.url ? ` (${s.url})` : ''}`);
  return `${ABSTAIN_TEXT} The closest articles are:\n${closest.join('\n')}`;
}

/**
 * One source per article, in order of its best chunk, holding every chunk of it that was retrieved
 * (3 × maxSources in all), in article order: the passage that answers is often not the one that
 * matched best ("Shipping times and costs" matched a question about Canada on three other
 * sections before the price table).
 */
function groupByArticle(chunks: SearchHit[], maxSources: number): SearchHit[] {
  const groups = new Map<string, SearchHit[]>();
  for (const chunk of chunks) {
    const key = `${chunk.source}\u0000${chunk.articleId}`;
    const group = groups.get(key);
    if (group === undefined) {
      if (groups.size < maxSources) groups.set(key, [chunk]);
    } else group.push(chunk);
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
