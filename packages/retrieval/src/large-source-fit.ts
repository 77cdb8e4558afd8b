import type { EmbedderEnv } from './embed/embedder-env.js';

/**
 * From this much article text on, indexing a source fits a static table to it (EMBEDDING_PROVIDER
 * unset, auto): USE-lite indexes about 24 chunks a second on two cores, ~6,500 chunks here, 4 to 5
 * minutes, about what fitting 10,000 texts costs; above it the fitted table wins on time, and it
 * ranks as well or better (docs/INGEST.md, sessions 9 and 11).
 */
export const LARGE_SOURCE_CHARACTERS = 4_000_000;

/** Training texts a fit reads through USE-lite by default: the model's time is its cost. */
export const FIT_TEXTS = 10_000;

/** When and how a process fits a table to a large source it indexes. */
export interface LargeSourceFit {
  /** How the fitted table reads questions (STATIC_EMBEDDER_QUESTIONS). */
  questions: EmbedderEnv['STATIC_EMBEDDER_QUESTIONS'];
  minCharacters: number;
  texts: number;
}

/** USE-lite, the model a static table imitates and the one a fitted table replaces. */
export function isUseLiteModel(model: string): boolean {
  return model.startsWith('local:');
}

/**
 * The large-source fit of a process on this environment: only on the default embedder (auto),
 * the one that follows the knowledge base to a table; undefined for a provider set explicitly.
 */
export function largeSourceFit(env: EmbedderEnv, overrides: Partial<LargeSourceFit> = {}): LargeSourceFit | undefined {
  if (env.EMBEDDING_PROVIDER !== 'auto') return undefined;
  return {
    questions: env.STATIC_EMBEDDER_QUESTIONS,
    minCharacters: LARGE_SOURCE_CHARACTERS,
    texts: FIT_TEXTS,
    ...overrides,
  };
}

/**
 * How many characters a source needs to be fitted a table, or undefined when no size would do:
 * only while the knowledge base is on USE-lite (or has no model yet); once it has a fitted table,
 * later sources are embedded with it. Asked before a source is measured, so it is measured only
 * when the answer could be yes.
 */
export function fitThreshold(fit: LargeSourceFit | undefined, activeModel: string | undefined): number | undefined {
  return fit !== undefined && (activeModel === undefined || isUseLiteModel(activeModel))
    ? fit.minCharacters
    : undefined;
}
