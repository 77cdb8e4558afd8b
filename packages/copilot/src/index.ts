// The public surface of @support/copilot: the answer pipeline both apps share.

/** The message an abstention starts with. */
export { ABSTAIN_TEXT } from './answer-steps.js';
export type { AnswerStore } from './answer-store.js';
/** The redacted answer log, answer cache, feedback and answer statistics. */
export { createAnswerStore } from './answer-store.js';
export type {
  AnswerEvent,
  AnswerTimings,
  AnswerUsage,
  ParsedAnswerRequest,
} from './answer-types.js';
/** The request schema the doors validate with, and the answer's shape (one zod schema each). */
export { Answer, AnswerCitation, AnswerGrounding, AnswerRequest, HistoryTurn } from './answer-types.js';
/** Environment schema and the builders main.ts uses. */
export { CopilotEnv, createChatModelFromEnv, createCopilotFromEnv, DEFAULT_MIN_SIMILARITY } from './config.js';
export type { Copilot, CopilotDeps, CopilotLogger, CopilotOptions } from './copilot.js';
/** Builds the pipeline from its collaborators. */
export { createCopilot } from './copilot.js';
/** The extractive composer (also what a failed model call falls back to). */
export { composeExtractive } from './extractive.js';
export type { GroundingPolicy } from './policy.js';
/** Grounding policies and the notes they add. */
export { REMOVED_NOTE, UNVERIFIED_MARK } from './policy.js';
export type { PriceTable } from './pricing.js';
export { PROMPT_VERSION } from './prompt.js';
/** The abstention rule (exported for `pnpm eval abstention`). */
export { bestSimilarity, isRelevant } from './relevance.js';
export type { MinFeedback, TestsetSummary } from './testset/export-testset.js';
/** A BEIR question set from the answer log: helpful answers as judgments, not-helpful ones for review. */
export { exportTestset } from './testset/export-testset.js';
