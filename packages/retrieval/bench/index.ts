// `@support/retrieval/bench`: the synthetic knowledge base other packages' benchmarks load.
// Benchmark code only; never imported by src/.

export type { SyntheticOptions, SyntheticQuery } from './synthetic-kb.js';
/** Seeded synthetic articles and the questions that find them, at any scale. */
export { syntheticArticles, syntheticQueries } from './synthetic-kb.js';
