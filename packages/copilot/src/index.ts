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
export {
  CopilotEnv,
  createChatModelFromEnv,
  createCopilotFromEnv,
  defaultMinSimilarity,
} from './config.js';
export type { AnswerContext, Copilot, CopilotDeps, CopilotLogger, CopilotOptions } from './copilot.js';
/** Builds the pipeline from its collaborators. */
export { createCopilot } from './copilot.js';
/** The extractive composer (also what a failed model call falls back to). */
export { composeExtractive } from './extractive.js';
export type { GroundingPolicy } from './policy.js';
/** Grounding policies and the notes they add. */
export { REMOVED_NOTE, UNVERIFIED_MARK } from './policy.js';
export type { PriceTable } from './pricing.js';
export { PROMPT_VERSION } from './prompt.js';
export type { AnswerDoor } from './queries/answers.js';
/** The abstention rule (exported for `pnpm eval abstention`). */
export { bestSimilarity, isRelevant } from './relevance.js';
export type { BusinessStatsLimits } from './stats/business-stats.js';
/** The business metrics of a period of the answer log (the schema /v1/stats and the dashboard share). */
export { BusinessStats, PeriodFigures } from './stats/business-stats.js';
/** Content-gap grouping: similar unanswered questions as one gap (pure). */
export { contentWords, groupQuestions } from './stats/group-questions.js';
export type { StatsBucket, StatsPeriod, StatsPeriodInput } from './stats/stats-period.js';
/** Checks a stats period (from, to, bucket) and fills in its defaults; bad input names the field. */
export { resolveStatsPeriod } from './stats/stats-period.js';
export type { MinFeedback, TestsetSummary } from './testset/export-testset.js';
/** A BEIR question set from the answer log: helpful answers as judgments, not-helpful ones for review. */
export { exportTestset } from './testset/export-testset.js';
