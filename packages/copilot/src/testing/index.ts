// Test helpers of @support/copilot (imported as @support/copilot/testing, by tests only).

export type { SeedAnswer } from './seed-answer-log.js';
/** Writes answers with given times, doors, ratings and figures into the answer log; a ready-made three days of them. */
export { seedAnswerLog, threeDaysOfAnswers } from './seed-answer-log.js';
