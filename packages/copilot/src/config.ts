import { ChatOpenAI } from '@langchain/openai';
import { type Pool, unsetIfBlank } from '@support/db';
import type { EmbedderEnv, Retrieval } from '@support/retrieval';
import { z } from 'zod';
import { createAnswerStore } from './answer-store.js';
import { COPILOT_DEFAULTS, type Copilot, createCopilot } from './copilot.js';
import type { PriceTable } from './pricing.js';

const Prices = z.record(
  z.string(),
  z.object({ promptPerMillion: z.number().nonnegative(), completionPerMillion: z.number().nonnegative() }),
);

/**
 * The answer pipeline's variables (each app composes them into its own schema). The chat model
 * also reads OPENAI_API_KEY and OPENAI_BASE_URL, which the embedder variables declare.
 */
export const CopilotEnv = z.object({
  LLM_MODEL: z.preprocess(unsetIfBlank, z.string().optional()),
  LLM_TIMEOUT_MS: z.preprocess(
    unsetIfBlank,
    z.coerce.number().int().min(100).max(600_000).default(COPILOT_DEFAULTS.timeoutMs),
  ),
  GROUNDING_POLICY: z.preprocess(
    unsetIfBlank,
    z
      .enum(['annotate', 'strip', 'abstain'], { error: 'expected annotate, strip or abstain' })
      .default(COPILOT_DEFAULTS.policy),
  ),
  GROUNDING_JUDGE: z.preprocess(unsetIfBlank, z.enum(['off', 'llm'], { error: 'expected off or llm' }).default('off')),
  ANSWER_CACHE: z.preprocess(unsetIfBlank, z.enum(['on', 'off'], { error: 'expected on or off' }).default('on')),
  /** JSON: {"model": {"promptPerMillion": 0.15, "completionPerMillion": 0.6}}. */
  LLM_PRICES: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .transform((text, ctx): PriceTable => {
        try {
          return Prices.parse(JSON.parse(text));
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: 'expected JSON like {"model":{"promptPerMillion":0.15,"completionPerMillion":0.6}}',
          });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  ABSTAIN_MIN_SIMILARITY: z.preprocess(unsetIfBlank, z.coerce.number().min(0).max(1).optional()),
  PII_DEFAULT_REGION: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected a country code such as US')
      .default('US'),
  ),
});
export type CopilotEnv = z.infer<typeof CopilotEnv>;

/**
 * The chat model the environment configures: any OpenAI-compatible endpoint, or null (extractive
 * answers) when LLM_MODEL or OPENAI_API_KEY is unset. Retries are the copilot's, not the client's.
 */
export function createChatModelFromEnv(env: CopilotEnv & EmbedderEnv): ChatOpenAI | null {
  if (env.LLM_MODEL === undefined || env.OPENAI_API_KEY === undefined) return null;
  return new ChatOpenAI({
    model: env.LLM_MODEL,
    apiKey: env.OPENAI_API_KEY,
    temperature: 0,
    streaming: true,
    streamUsage: true,
    maxRetries: 0,
    timeout: env.LLM_TIMEOUT_MS,
    configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {},
  });
}

/**
 * The best-hit similarity below which the copilot abstains, per embedder (their scales differ).
 * local: calibrated with `pnpm eval abstention` on stackfaq (docs/NOTES.md); static: the same way,
 * the highest threshold still answering 99% of stackfaq (docs/INGEST.md); hashing: word
 * overlap, lower by nature; openai: text-embedding-3's usual band, not calibrated here.
 */
export const DEFAULT_MIN_SIMILARITY: Record<EmbedderEnv['EMBEDDING_PROVIDER'], number> = {
  local: COPILOT_DEFAULTS.minRelevance,
  static: 0.3,
  hashing: 0.1,
  openai: 0.3,
};

/**
 * A static table fitted to the knowledge base (`pnpm kb distill --corpus`, STATIC_EMBEDDER_TABLE)
 * imitates USE-lite on that knowledge base, and its similarities run far higher than the shipped
 * table's. On stackfaq with its own fitted table, 0.6 is the highest threshold answering 99% in
 * both question modes: questions through USE-lite (the default) answer 99.5% and abstain on 93%
 * off-topic (best-hit p5 0.68 in-domain, p50 0.43 off-topic); questions on the table
 * (STATIC_EMBEDDER_QUESTIONS=table) answer 99.7% and abstain on 60% (docs/INGEST.md).
 */
const FITTED_STATIC_MIN_SIMILARITY = 0.6;

/** The abstention threshold for the configured embedder when ABSTAIN_MIN_SIMILARITY is unset. */
export function defaultMinSimilarity(env: EmbedderEnv): number {
  if (env.EMBEDDING_PROVIDER === 'static' && env.STATIC_EMBEDDER_TABLE !== undefined)
    return FITTED_STATIC_MIN_SIMILARITY;
  return DEFAULT_MIN_SIMILARITY[env.EMBEDDING_PROVIDER];
}

/** Builds the copilot on the knowledge base's retrieval and database, as the environment configures it. */
export function createCopilotFromEnv(
  env: CopilotEnv & EmbedderEnv,
  deps: { retrieval: Retrieval; pool: Pool },
): Copilot {
  return createCopilot({
    retrieval: deps.retrieval,
    answers: createAnswerStore(deps.pool),
    chatModel: createChatModelFromEnv(env),
    modelName: env.LLM_MODEL ?? null,
    options: {
      policy: env.GROUNDING_POLICY,
      groundingJudge: env.GROUNDING_JUDGE,
      timeoutMs: env.LLM_TIMEOUT_MS,
      cache: env.ANSWER_CACHE === 'on',
      prices: env.LLM_PRICES ?? {},
      defaultRegion: env.PII_DEFAULT_REGION,
      minRelevance: env.ABSTAIN_MIN_SIMILARITY ?? defaultMinSimilarity(env),
    },
  });
}
