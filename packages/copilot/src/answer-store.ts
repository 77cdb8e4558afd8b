import type { Queryable } from '@support/db';
import {
  type AnswerCacheEntry,
  type AnswerRecord,
  type AnswerStats,
  findAnswer,
  findArticleHashes,
  findCachedAnswer,
  insertAnswer,
  insertFeedback,
  type NewAnswerRecord,
  readAnswerStats,
} from './queries/answers.js';
import { type BusinessStats, type BusinessStatsLimits, readBusinessStats } from './stats/business-stats.js';
import type { StatsPeriod } from './stats/stats-period.js';

/** The answer log, the answer cache and feedback; everything given to it must already be redacted. */
export interface AnswerStore {
  save(record: NewAnswerRecord, cache: AnswerCacheEntry): Promise<{ id: string; createdAt: string }>;
  find(id: string): Promise<AnswerRecord | undefined>;
  /** The newest still-valid answer for a cache key (no cited article changed since). */
  findCached(cacheKey: string): Promise<AnswerRecord | undefined>;
  /** Current content hashes of articles, to pin a cached answer to the versions it cited. */
  articleHashes(
    articles: { source: string; externalId: string }[],
  ): Promise<{ source: string; externalId: string; contentHash: string }[]>;
  saveFeedback(feedback: {
    answerId: string;
    helpful: boolean;
    reason: string | null;
    comment: string | null;
  }): Promise<boolean>;
  /** How many answers were logged, how many abstained, and the helpful / not helpful feedback. */
  stats(): Promise<AnswerStats>;
  /**
   * The business metrics of a period (check it with `resolveStatsPeriod`): answers per door,
   * helpful, abstention and cache hit rates, latency, cost, content gaps, cited articles.
   */
  businessStats(period: StatsPeriod, limits?: BusinessStatsLimits): Promise<BusinessStats>;
}

/** Builds the answer store on a database. */
export function createAnswerStore(db: Queryable): AnswerStore {
  return {
    save: (record, cache) => insertAnswer(db, record, cache),
    find: (id) => (UUID.test(id) ? findAnswer(db, id) : Promise.resolve(undefined)),
    findCached: (cacheKey) => findCachedAnswer(db, cacheKey),
    articleHashes: (articles) => findArticleHashes(db, articles),
    saveFeedback: (feedback) => (UUID.test(feedback.answerId) ? insertFeedback(db, feedback) : Promise.resolve(false)),
    stats: () => readAnswerStats(db),
    businessStats: (period, limits) => readBusinessStats(db, period, limits),
  };
}

// A malformed id is simply "not found", not a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
