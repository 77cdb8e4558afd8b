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
    filters: z
      .object({
        locale: z.string().trim().min(2).max(20).optional(),
        tags: z.array(z.string().trim().min(1)).max(50).optional(),
        sources: z.array(z.string().trim().min(1)).max(50).optional(),
      })
      .strict()
      .default({}),
    /** agent: public and internal articles; customer: public only. */
    audience: z.enum(['agent', 'customer']).default('customer'),
  })
  .strict();
export type AnswerRequest = z.input<typeof AnswerRequest>;
export type ParsedAnswerRequest = z.output<typeof AnswerRequest>;

/** A numbered source the answer cites. */
export interface AnswerCitation {
  n: number;
  articleId: string;
  source: string;
  title: string;
  url: string | null;
  snippet: string;
}

/** The grounding verdict, per sentence, as callers see it. */
export interface AnswerGrounding {
  verdict: 'supported' | 'partially_supported' | 'unsupported' | 'no_claims';
  score: number;
  sentences: {
    text: string;
    citations: number[];
    supported: boolean;
    score: number;
    /** Why an unsupported sentence is: 'contradiction' (removed under strip) or 'not-found'; null when supported. */
    problem?: 'contradiction' | 'not-found' | null;
    reasons: string[];
  }[];
  /** Sentences the policy removed (strip) or marked (annotate). */
  removed: number;
}

/** Milliseconds per pipeline stage. */
export interface AnswerTimings {
  redact: number;
  retrieve: number;
  generate: number;
  check: number;
  /** The `check` time when the LLM judge was asked (its wait dominates it); 0 when it was not. */
  judge?: number;
  total: number;
  /** Time from the request to the first model token (null without a model call). */
  firstToken: number | null;
}

/** Tokens and money one answer cost. */
export interface AnswerUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** The grounding judge's share of the totals above, when GROUNDING_JUDGE=llm asked it. */
  judge?: { calls: number; promptTokens: number; completionTokens: number; costUsd: number };
}

/** A finished answer. */
export interface Answer {
  id: string;
  text: string;
  citations: AnswerCitation[];
  grounding: AnswerGrounding;
  abstained: boolean;
  /** True when the model failed and the answer was composed extractively instead. */
  degraded: boolean;
  cached: boolean;
  /** Counts per PII type found in the question and history; never the values. */
  redactions: Record<string, number>;
  model: string | null;
  promptVersion: string;
  usage: AnswerUsage;
  timings: AnswerTimings;
}

/** What a streamed answer emits, in this order: sources, deltas (maybe a reset), grounding, done. */
export type AnswerEvent =
  | { type: 'sources'; sources: AnswerCitation[] }
  | { type: 'delta'; text: string }
  /** The model failed after it had started: discard the deltas so far; an extractive answer follows. */
  | { type: 'reset'; reason: string }
  | { type: 'grounding'; grounding: AnswerGrounding }
  | { type: 'done'; answer: Answer };
