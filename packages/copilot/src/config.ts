import { ChatOpenAI } from '@langchain/openai';
import { type Database, unsetIfBlank } from '@support/db';
import { type Embedder, type EmbedderEnv, isUseLiteModel, type Retrieval } from '@support/retrieval';
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
 * The best-hit similarity below which the copilot abstains, per embedding model (their scales
 * differ), measured with `pnpm eval abstention` on stackfaq against off-topic questions as the
 * highest threshold still answering 99% of stackfaq (docs/NOTES.md, docs/INGEST.md):
 * - USE-lite (local): COPILOT_DEFAULTS.minRelevance;
 * - a static table fitted to the knowledge base (`kb index` of a large source, `pnpm kb distill
 *   --corpus`) imitates USE-lite there and its similarities run far higher than the shipped
 *   table's: 0.6 in both question modes. Questions through USE-lite (the default) answer 99.5%
 *   and abstain on 93% off-topic (best hit p5 0.68 in-domain, p50 0.43 off-topic); questions on
 *   the table (STATIC_EMBEDDER_QUESTIONS=table) answer 99.7% and abstain on 60%;
 * - the shipped static table: 0.3;
 * - hashing: word overlap, lower by nature (0.1); OpenAI: text-embedding-3's usual band (0.3),
 *   not calibrated here.
 */
export function defaultMinSimilarity(embeddingModel: string): number {
  if (isUseLiteModel(embeddingModel)) return COPILOT_DEFAULTS.minRelevance;
  if (embeddingModel.startsWith('static:use-lite-fit-')) return 0.6;
  if (embeddingModel.startsWith('hashing:')) return 0.1;
  return 0.3;
}

/** Builds the copilot on the knowledge base's retrieval and database, as the environment configures it. */
export function createCopilotFromEnv(
  env: CopilotEnv & EmbedderEnv,
  kb: { retrieval: Retrieval; database: Pick<Database, 'pool'>; embedder: Pick<Embedder, 'model'> },
): Copilot {
  return createCopilot({
    retrieval: kb.retrieval,
    answers: createAnswerStore(kb.database.pool),
    chatModel: createChatModelFromEnv(env),
    modelName: env.LLM_MODEL ?? null,
    options: {
      policy: env.GROUNDING_POLICY,
      groundingJudge: env.GROUNDING_JUDGE,
      timeoutMs: env.LLM_TIMEOUT_MS,
      cache: env.ANSWER_CACHE === 'on',
      prices: env.LLM_PRICES ?? {},
      defaultRegion: env.PII_DEFAULT_REGION,
      // Read per question: on EMBEDDING_PROVIDER=auto the embedder follows the knowledge base's model.
      minRelevance: env.ABSTAIN_MIN_SIMILARITY ?? (() => defaultMinSimilarity(kb.embedder.model)),
    },
  });
}
