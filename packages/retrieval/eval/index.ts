// `@support/retrieval/eval`: what other packages' evaluations share with retrieval's own (BEIR
// judgments, ranking metrics, percentiles). Evaluation code only; never imported by src/.

/** Reads a BEIR folder's queries and relevance judgments. */
export { readBeirJudgments } from './beir.js';
export type { Qrels } from './metrics.js';
/** Ranking metrics over judged results, and a percentile for latency figures. */
export { mrrAt, ndcgAt, percentile, recallAt } from './metrics.js';
