import type { Queryable } from '@support/db';
import { type Embedder, embedQueries } from '../embed/embedder.js';
import type { EmbeddingModel } from '../queries/embeddings.js';
import {
  countArticleChangesSince,
  type FusionCalibration,
  findActiveFusionCalibration,
  findArticlesOfChunks,
  type PseudoQuerySource,
  samplePseudoQuerySources,
  saveFusionCalibration,
} from '../queries/fusion.js';
import { type SearchFilters, searchKeyword, searchVector } from '../queries/search.js';
import { type CalibrationSample, chooseFusionWeights, MIN_PSEUDO_QUERIES } from './choose-fusion-weights.js';

/** What a calibration needs: the same parts a search uses. */
export interface CalibrationDeps {
  db: Queryable;
  embedder: Embedder;
  /** The active model (the one searches read). */
  model: EmbeddingModel;
  /** Text search configurations of the whole knowledge base (see SearchConfigs). */
  configs: readonly string[];
  postingsPerTerm: number;
  now: () => number;
}

/** Pseudo-queries per calibration: enough to tell the branches apart, cheap at any corpus size. */
export const CALIBRATION_QUERIES = 200;
/** Candidates per branch, as a search for the top 10 reads (see Retrieval.search). */
const DEPTH = 50;
const PARALLEL_SEARCHES = 4;
/** Share of the articles that must change before an index run calibrates again. */
const RECALIBRATE_SHARE = 0.2;

const ALL: SearchFilters = { visibility: ['public', 'internal'] };

/**
 * Calibrates fusion for the active model without labels. Each pseudo-query is a sentence of a
 * chunk whose article has other chunks; that chunk is held out of both branches' candidates, so
 * the query must find its article through the rest of it, as a question finds an article that
 * says the same thing in other words. The weights that find those articles best are stored.
 * Returns undefined (and stores nothing) when the knowledge base is too small to tell: fewer than
 * MIN_PSEUDO_QUERIES chunks of prose in articles of two chunks or more.
 */
export async function calibrateFusion(deps: CalibrationDeps): Promise<FusionCalibration | undefined> {
  const started = deps.now();
  const sources = await samplePseudoQuerySources(deps.db, CALIBRATION_QUERIES * 2);
  const queries = sources
    .map((source) => ({ source, text: pseudoQueryFromChunk(source.text) }))
    .filter((q): q is { source: PseudoQuerySource; text: string } => q.text !== undefined)
    .slice(0, CALIBRATION_QUERIES);
  if (queries.length < MIN_PSEUDO_QUERIES) return undefined;
  // Pseudo-queries stand for questions: embedded as questions are, or the weights fit another mode.
  const vectors = await embedQueries(
    deps.embedder,
    queries.map((q) => q.text),
  );
  const search = async (query: { source: PseudoQuerySource; text: string }, vector: number[]) => {
    const heldOut = (hit: { chunkId: number }) => hit.chunkId !== query.source.chunkId;
    const [keyword, nearest] = await Promise.all([
      searchKeyword(deps.db, {
        query: query.text,
        filters: ALL,
        limit: DEPTH + 1,
        configs: deps.configs,
        postingsPerTerm: deps.postingsPerTerm,
      }),
      searchVector(deps.db, { vector, model: deps.model, filters: ALL, limit: DEPTH + 1 }),
    ]);
    return {
      keyword: keyword.filter(heldOut).slice(0, DEPTH),
      vector: nearest.filter(heldOut).slice(0, DEPTH),
      articleId: query.source.articleId,
    };
  };
  const samples: CalibrationSample[] = [];
  // A few searches at a time: the pool has connections to spare, and the server two cores or more.
  for (let i = 0; i < queries.length; i += PARALLEL_SEARCHES) {
    const batch = queries.slice(i, i + PARALLEL_SEARCHES);
    samples.push(...(await Promise.all(batch.map((query, j) => search(query, vectors[i + j] ?? [])))));
  }
  const chunkIds = [...new Set(samples.flatMap((s) => [...s.keyword, ...s.vector].map((h) => h.chunkId)))];
  const articleOf = await findArticlesOfChunks(deps.db, chunkIds);
  const chosen = chooseFusionWeights(samples, articleOf);
  if (chosen === undefined) return undefined;
  const { articles } = await countArticleChangesSince(deps.db, { at: new Date(0), articleCount: 0 });
  return saveFusionCalibration(deps.db, {
    modelId: deps.model.id,
    ...chosen,
    pseudoQueries: samples.length,
    articleCount: articles,
    seconds: (deps.now() - started) / 1000,
  });
}

/**
 * Whether the stored calibration no longer describes the knowledge base: none for the active
 * model yet, or a fifth of the articles written or removed since.
 */
export async function needsCalibration(db: Queryable): Promise<boolean> {
  const current = await findActiveFusionCalibration(db);
  if (current === undefined) return true;
  const { changed } = await countArticleChangesSince(db, {
    at: current.calibratedAt,
    articleCount: current.articleCount,
  });
  return changed > 0 && changed >= RECALIBRATE_SHARE * Math.max(current.articleCount, 1);
}

const MIN_WORDS = 6;
const MAX_WORDS = 30;

/**
 * A sentence of prose from a chunk to search with: the first one of six words or more outside
 * code blocks, tables and headings, cut at 30 words. Undefined when the chunk has none.
 * @example pseudoQueryFromChunk('# Refunds\n\nWe refund card payments within 14 days of the return.')
 */
export function pseudoQueryFromChunk(text: string): string | undefined {
  const prose = text
    .replace(/```[\s\S]*?(```|$)/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*(#|\||>|<!--)/.test(line))
    .join(' ');
  for (const sentence of prose.split(/(?<=[.!?])\s+/)) {
    const words = (sentence.replace(/[`*_[\]()]/g, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'.-]*/gu) ?? []).map((w) =>
      w.replace(/[.'-]+$/, ''),
    );
    if (words.length >= MIN_WORDS) return words.slice(0, MAX_WORDS).join(' ');
  }
  return undefined;
}
