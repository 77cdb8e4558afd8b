import { SearchFilters } from '@support/retrieval';
import { z } from 'zod';

/** One turn of the conversation before the question. */
export const HistoryTurn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(8000),
});

/** A question as the doors pass it to the copilot. */
export const AnswerRequest = z
  .object({
    question: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
    history: z.array(HistoryTurn).max(20).default([]),
    // Search's filters, less visibility: the audience decides that.
    filters: SearchFilters.omit({ visibility: true }).default({}),
    /** agent: public and internal articles; customer: public only. */
    audience: z.enum(['agent', 'customer']).default('customer'),
  })
  .strict();
export type AnswerRequest = z.input<typeof AnswerRequest>;
export type ParsedAnswerRequest = z.output<typeof AnswerRequest>;

/** A numbered source the answer cites. */
export const AnswerCitation = z.object({
  n: z.number().int(),
  articleId: z.string(),
  source: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  snippet: z.string(),
});
export type AnswerCitation = z.infer<typeof AnswerCitation>;

/** The grounding verdict, per sentence, as callers see it. */
export const AnswerGrounding = z.object({
  verdict: z.enum(['supported', 'partially_supported', 'unsupported', 'no_claims']),
  score: z.number(),
  sentences: z.array(
    z.object({
      text: z.string(),
      citations: z.array(z.number().int()),
      supported: z.boolean(),
      score: z.number(),
      /** Why an unsupported sentence is: 'contradiction' (removed under strip) or 'not-found'; null when supported. */
      problem: z.enum(['contradiction', 'not-found']).nullable().optional(),
      reasons: z.array(z.string()),
    }),
  ),
  /** Sentences the policy removed (strip) or marked (annotate). */
  removed: z.number().int(),
});
export type AnswerGrounding = z.infer<typeof AnswerGrounding>;

/** Milliseconds per pipeline stage. */
export const AnswerTimings = z.object({
  redact: z.number(),
  retrieve: z.number(),
  generate: z.number(),
  check: z.number(),
  /** The `check` time when the LLM judge was asked (its wait dominates it); 0 when it was not. */
  judge: z.number().optional(),
  total: z.number(),
  /** Time from the request to the first model token (null without a model call). */
  firstToken: z.number().nullable(),
});
export type AnswerTimings = z.infer<typeof AnswerTimings>;

/** Tokens and money one answer cost. */
export const AnswerUsage = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  /** The grounding judge's share of the totals above, when GROUNDING_JUDGE=llm asked it. */
  judge: z
    .object({ calls: z.number(), promptTokens: z.number(), completionTokens: z.number(), costUsd: z.number() })
    .optional(),
});
export type AnswerUsage = z.infer<typeof AnswerUsage>;

/** A finished answer: what the copilot returns, logs, and the API sends. */
export const Answer = z.object({
  id: z.uuid(),
  text: z.string(),
  citations: z.array(AnswerCitation),
  grounding: AnswerGrounding,
  abstained: z.boolean(),
  /** True when the model failed and the answer was composed extractively instead. */
  degraded: z.boolean(),
  cached: z.boolean(),
  /** Counts per PII type found in the question and history; never the values. */
  redactions: z.record(z.string(), z.number().int()),
  model: z.string().nullable(),
  promptVersion: z.string(),
  usage: AnswerUsage,
  timings: AnswerTimings,
});
export type Answer = z.infer<typeof Answer>;

/** What a streamed answer emits, in this order: sources, deltas (maybe a reset), grounding, done. */
export type AnswerEvent =
  | { type: 'sources'; sources: AnswerCitation[] }
  | { type: 'delta'; text: string }
  /** The model failed after it had started: discard the deltas so far; an extractive answer follows. */
  | { type: 'reset'; reason: string }
  | { type: 'grounding'; grounding: AnswerGrounding }
  | { type: 'done'; answer: Answer };
