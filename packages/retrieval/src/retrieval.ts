import { AppError, describeFirstIssue, latestMigrationVersion, type Pool, readSchemaVersion } from '@support/db';
import { type Embedder, embedQueries } from './embed/embedder.js';
import { type ArticleInput, type SourceItem, toSourceItem } from './ingest/article-input.js';
import { type IndexOptions, type IndexSummary, indexArticles, settleAfterChanges } from './ingest/index-articles.js';
import { type BulkUpsertSummary, type SourcedArticle, upsertAcrossSources } from './ingest/upsert-across-sources.js';
import { fillModel, type ModelSwitchDeps, switchToModel } from './model-switch.js';
import { deleteArticle, deleteSource } from './queries/articles.js';
import {
  deleteInactiveModels,
  deleteModel,
  type EmbeddingModel,
  type EmbeddingModelStatus,
  ensureEmbeddingModel,
  findActiveModel,
  listEmbeddingModels,
} from './queries/embeddings.js';
import { type FusionCalibration, findActiveFusionCalibration } from './queries/fusion.js';
import {
  findChunkDetails,
  type RankedChunk,
  type SearchFilters,
  searchKeyword,
  searchVector,
} from './queries/search.js';
import { type KnowledgeBaseStats, readStats } from './queries/stats.js';
import { calibrateFusion, needsCalibration } from './search/calibrate-fusion.js';
import { bestChunkPerArticle, type FusionOptions, fuse } from './search/fuse.js';
import { createFusionWeights } from './search/fusion-weights.js';
import { createSearchConfigs } from './search/search-configs.js';
import {
  type Audience,
  type SearchHit,
  SearchRequest,
  type SearchResult,
  visibilityFor,
} from './search/search-request.js';

/** What createRetrieval needs. */
export interface RetrievalDeps {
  /** From openDatabase: vector search relies on the session settings it applies. */
  pool: Pool;
  embedder: Embedder;
  now?: () => number;
  /** Fixed fusion for every search; unset, each knowledge base calibrates its own (see calibrateFusion). */
  fusion?: FusionOptions;
  /** Upper bound on postings read per query term (see searchKeyword). */
  postingsPerTerm?: number;
  /**
   * Search (and calibrate) the embedder's own vectors, with its own fusion weights, even while
   * another model is the active one: how a model is measured before switching to it
   * (`pnpm eval retrieval --compare-model`). Never for a serving process.
   */
  candidate?: boolean;
  /**
   * When searches find another model active than the one this process embeds with (another
   * process moved the knowledge base, `kb index` of a large source or `kb reembed --switch`): an
   * embedder for the active model, or undefined when this process cannot have one. Asked once
   * per active model; the embedder it returns serves every search after.
   */
  followActiveModel?: ((active: string, current: Embedder) => Promise<Embedder | undefined>) | undefined;
}

/** The knowledge base: index articles, search them, and look after embeddings. */
export interface Retrieval {
  /** What this process embeds with now: the one it was given, or the active model it followed. */
  readonly embedder: Embedder;
  index(items: AsyncIterable<SourceItem> | Iterable<SourceItem>, options: IndexOptions): Promise<IndexSummary>;
  /** `ctx.audience` customer narrows the search to public articles, whatever the request asks. */
  search(request: SearchRequest, ctx?: { signal?: AbortSignal; audience?: Audience }): Promise<SearchResult>;
  /** Adds or replaces one article; says which it was. An invalid article is `invalid_input`. */
  upsertArticle(source: string, article: ArticleInput): Promise<UpsertOutcome>;
  /** Adds or replaces several articles of a source (no deletions); failures are reported per article. */
  upsertArticles(source: string, articles: readonly ArticleInput[]): Promise<IndexSummary>;
  /** The same for articles of several sources, each naming its own. */
  upsertAcrossSources(articles: readonly SourcedArticle[]): Promise<BulkUpsertSummary>;
  deleteArticle(source: string, externalId: string): Promise<boolean>;
  /** Deletes every article of a source; returns how many. */
  deleteSource(source: string): Promise<number>;
  stats(): Promise<KnowledgeBaseStats>;
  /**
   * Chooses fusion weights for the active model from pseudo-queries built from the knowledge base
   * and stores them; index runs do this when the corpus changed a lot. Undefined, and nothing
   * stored, when the knowledge base is too small to tell or vector search is off.
   */
  calibrateFusion(): Promise<FusionCalibration | undefined>;
  /**
   * Embeds chunks that lack a vector of the configured model, beside the active model's (searches
   * keep reading the active one); resumable, returns how many it embedded.
   */
  backfillEmbeddings(options?: {
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    /** Texts per embedding call and per write (64). */
    batchSize?: number;
  }): Promise<number>;
  /**
   * Makes the configured model the one searches read, in one statement, after calibrating its
   * fusion weights; `conflict` while any chunk still lacks its vector.
   */
  activateConfiguredModel(): Promise<{ calibration: FusionCalibration | undefined }>;
  /** The stored embedding models, the active one first, with how much of the knowledge base each has embedded. */
  embeddingModels(): Promise<EmbeddingModelStatus[]>;
  /**
   * Deletes the models the active one replaced, with their vectors, index and fusion weights.
   * Models registered after the active one (candidates not switched to yet) are kept and named.
   */
  dropInactiveModels(): Promise<{ dropped: string[]; kept: string[] }>;
  /** Deletes one stored model by name; `conflict` for the active one, `not_found` for an unknown name. */
  dropModel(name: string): Promise<void>;
  /** Loads the embedder and registers its model, so the first request does not pay for it. */
  warmUp(): Promise<void>;
  /** What /readyz reports: the database answers, every migration is applied, the embedder has loaded. */
  readiness(): Promise<{ database: boolean; migrations: boolean; embedder: boolean }>;
}

/** What upserting one article did. */
export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

/**
 * Fusion before a knowledge base is calibrated (and the fixed one tests and evals may pass):
 * weighted sum of normalised scores, leaning on the keyword side. A small local embedder is
 * weaker than BM25 on product vocabulary, and equal weights let it drag a good keyword ranking
 * down; at this weight it reorders close calls and rescues paraphrases.
 */
export const DEFAULT_FUSION: FusionOptions = { method: 'score', keywordWeight: 1, vectorWeight: 0.5 };

/**
 * Builds the retrieval service from its collaborators.
 * @example const retrieval = createRetrieval({ pool: db.pool, embedder: createLocalEmbedder() });
 */
export function createRetrieval(deps: RetrievalDeps): Retrieval {
  const now = deps.now ?? Date.now;
  const candidate = deps.candidate ?? false;
  const fusionWeights = createFusionWeights(
    deps.pool,
    DEFAULT_FUSION,
    now,
    candidate ? () => model().then((m) => m.id) : undefined,
  );
  const postingsPerTerm = deps.postingsPerTerm ?? 5000;
  let embedder = deps.embedder;
  const registering = new Map<string, Promise<EmbeddingModel>>();
  const following = new Map<string, Promise<string | undefined>>();
  let warmedUp = false;
  const searchConfigs = createSearchConfigs(deps.pool, now);
  // Every write of articles goes through here: it may bring a new language to search in.
  const write = async (items: AsyncIterable<SourceItem> | Iterable<SourceItem>, options: IndexOptions) => {
    // One embedder for the whole run, the active model's when this process can follow it there,
    // even if searches follow yet another model meanwhile.
    const runEmbedder = candidate ? embedder : (await alignWithActive()).embedder;
    try {
      return await indexArticles(
        { pool: deps.pool, embedder: runEmbedder, model: () => modelOf(runEmbedder), now },
        items,
        options,
      );
    } finally {
      searchConfigs.invalidate();
    }
  };
  // The end of an index run: calibrate fusion again when the corpus moved enough to matter.
  const indexRun = async (items: AsyncIterable<SourceItem> | Iterable<SourceItem>, options: IndexOptions) => {
    const summary = await write(items, options);
    const changed = summary.added + summary.updated + summary.deleted;
    if (changed > 0 && deps.fusion === undefined && (await needsCalibration(deps.pool))) await calibrate();
    return summary;
  };
  async function calibrate(): Promise<FusionCalibration | undefined> {
    const [configured, active] = await Promise.all([model(), findActiveModel(deps.pool)]);
    // Pseudo-queries are embedded by this process: only meaningful against its own model's vectors.
    if (active?.id !== configured.id && !candidate) return undefined;
    return calibrateModel(configured);
  }
  async function calibrateModel(target: EmbeddingModel): Promise<FusionCalibration | undefined> {
    const calibration = await calibrateFusion({
      db: deps.pool,
      embedder,
      model: target,
      configs: await searchConfigs.forFilters({ visibility: ['public', 'internal'] }),
      postingsPerTerm,
      now,
    });
    fusionWeights.invalidate();
    return calibration;
  }
  const modelOf = (e: Embedder) => {
    let registered = registering.get(e.model);
    if (registered === undefined) {
      registered = ensureEmbeddingModel(deps.pool, { name: e.model, dimensions: e.dimensions });
      registering.set(e.model, registered);
      registered.catch(() => registering.delete(e.model));
    }
    return registered;
  };
  const model = () => modelOf(embedder);

  // Follows the active model when it is not the one this process embeds with: the embedder that
  // resulted and its model, for the caller to use throughout; `unfollowed` says why it did not.
  async function alignWithActive(): Promise<{
    active: EmbeddingModel | undefined;
    embedder: Embedder;
    configured: EmbeddingModel;
    unfollowed?: string;
  }> {
    const before = embedder;
    const configured = await modelOf(before);
    const active = await findActiveModel(deps.pool);
    if (active === undefined || active.id === configured.id) return { active, embedder: before, configured };
    const unfollowed = await follow(active.name);
    const after = embedder;
    const aligned = { active, embedder: after, configured: await modelOf(after) };
    return unfollowed === undefined ? aligned : { ...aligned, unfollowed };
  }

  // Resolves to why this process cannot embed with `active`, or undefined once it does.
  function follow(active: string): Promise<string | undefined> {
    const follower = deps.followActiveModel;
    if (follower === undefined) return Promise.resolve('this process embeds with a fixed model');
    let followed = following.get(active);
    if (followed === undefined) {
      followed = follower(active, embedder).then(
        (next) => {
          if (next === undefined) return 'no embedder for it here';
          embedder = next;
          return undefined;
        },
        (error: unknown) => {
          // A failure (the database briefly away) is retried by the next search; "no embedder" is not.
          following.delete(active);
          return error instanceof Error ? error.message : String(error);
        },
      );
      following.set(active, followed);
    }
    return followed;
  }

  async function search(
    input: SearchRequest,
    ctx: { signal?: AbortSignal; audience?: Audience } = {},
  ): Promise<SearchResult> {
    const parsed = SearchRequest.safeParse(input);
    if (!parsed.success) {
      throw new AppError('invalid_input', describeFirstIssue(parsed.error.issues, 'request'));
    }
    const request = parsed.data;
    request.filters.visibility = visibilityFor(ctx.audience ?? 'agent', request.filters.visibility);
    const warnings: string[] = [];
    const depth = Math.max(request.k * 4, 50);
    const wantKeyword = request.mode !== 'vector';
    let wantVector = request.mode !== 'keyword';
    let searchEmbedder = embedder;
    let configured = await modelOf(searchEmbedder);
    if (wantVector && !candidate) {
      const { active, unfollowed, ...aligned } = await alignWithActive();
      searchEmbedder = aligned.embedder;
      configured = aligned.configured;
      if (active?.id !== configured.id) {
        // Query vectors from one model are meaningless against another's: never mix them.
        warnings.push(
          `vector search is off: the active embedding model is ${active?.name ?? 'none'}, this process embeds with ${configured.name}` +
            `${unfollowed === undefined ? '' : ` (${unfollowed})`}; run "pnpm kb reembed"`,
        );
        wantVector = false;
      }
    }
    const [keyword, vector] = await Promise.all([
      wantKeyword
        ? searchKeyword(deps.pool, {
            query: request.query,
            filters: request.filters,
            limit: depth,
            configs: await searchConfigs.forFilters(request.filters),
            postingsPerTerm,
          })
        : Promise.resolve<RankedChunk[]>([]),
      wantVector
        ? vectorBranch(searchEmbedder, request.query, configured, request.filters, depth, ctx.signal)
        : Promise.resolve([]),
    ]);
    ctx.signal?.throwIfAborted();
    const fusion = deps.fusion ?? (await fusionWeights.current());
    const fused =
      request.mode === 'keyword'
        ? fuse(keyword, [], { ...fusion, keywordWeight: 1 })
        : request.mode === 'vector'
          ? fuse([], vector, { ...fusion, vectorWeight: 1 })
          : fuse(keyword, vector, fusion);
    const details = await findChunkDetails(
      deps.pool,
      fused.slice(0, request.perArticle ? depth : request.k).map((f) => f.chunkId),
    );
    let hits = fused.flatMap((f) => {
      const d = details.get(f.chunkId);
      if (d === undefined) return [];
      const ranks: SearchHit['ranks'] = {};
      if (f.keyword) ranks.keyword = f.keyword;
      if (f.vector) ranks.vector = f.vector;
      return [
        {
          articleId: d.articleId,
          source: d.source,
          title: d.title,
          url: d.url,
          headingPath: d.headingPath,
          text: d.text,
          score: f.score,
          chunkId: f.chunkId,
          visibility: d.visibility,
          ranks,
          articleKey: `${d.source}\u0000${d.articleId}`,
        },
      ];
    });
    if (request.perArticle) hits = bestChunkPerArticle(hits);
    return { hits: hits.slice(0, request.k).map(({ articleKey: _, ...hit }) => hit), mode: request.mode, warnings };
  }

  async function vectorBranch(
    searchEmbedder: Embedder,
    query: string,
    configured: EmbeddingModel,
    filters: SearchFilters,
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<RankedChunk[]> {
    const [vector] = await embedQueries(searchEmbedder, [query], signal ? { signal } : {});
    if (vector === undefined) return [];
    return searchVector(deps.pool, { vector, model: configured, filters, limit });
  }

  const switchDeps: ModelSwitchDeps = {
    db: deps.pool,
    get embedder() {
      return embedder;
    },
    model,
    calibrate: calibrateModel,
  };

  // Each article's path is its external id, so a failure names the article, not a position.
  const upsertArticles = (source: string, articles: readonly ArticleInput[]) =>
    write(
      articles.map((article) => toSourceItem(article.externalId, article)),
      { source },
    );

  return {
    get embedder() {
      return embedder;
    },
    index: indexRun,
    search,
    async upsertArticle(source, article) {
      const item = toSourceItem(article.externalId, article);
      if (item.kind === 'failed') throw new AppError('invalid_input', `${item.path}: ${item.reason}`);
      const summary = await write([item], { source });
      const failure = summary.failed[0];
      if (failure !== undefined) throw new Error(`article ${failure.path}: ${failure.reason}`);
      return summary.added > 0 ? 'added' : summary.updated > 0 ? 'updated' : 'unchanged';
    },
    upsertArticles,
    upsertAcrossSources: (articles) => upsertAcrossSources(upsertArticles, articles),
    deleteArticle: (source, externalId) => deleteArticle(deps.pool, { source, externalId }),
    async deleteSource(source) {
      const deleted = await deleteSource(deps.pool, source);
      await settleAfterChanges(deps.pool, { changed: deleted, textRemoved: deleted > 0 });
      return deleted;
    },
    async stats() {
      const [counts, fusion] = await Promise.all([readStats(deps.pool), findActiveFusionCalibration(deps.pool)]);
      return { ...counts, fusion: fusion ?? null };
    },
    calibrateFusion: calibrate,
    backfillEmbeddings: (options) => fillModel(switchDeps, options),
    async activateConfiguredModel() {
      const switched = await switchToModel(switchDeps);
      fusionWeights.invalidate();
      return switched;
    },
    embeddingModels: () => listEmbeddingModels(deps.pool),
    dropInactiveModels: () => deleteInactiveModels(deps.pool),
    async dropModel(name) {
      if (await deleteModel(deps.pool, name)) return;
      const stored = await listEmbeddingModels(deps.pool);
      if (stored.some((m) => m.name === name && m.active))
        throw new AppError('conflict', `model ${name} is the active one; switch to another first`);
      throw new AppError('not_found', `no stored model named ${name}; stored: ${stored.map((m) => m.name).join(', ')}`);
    },
    async warmUp() {
      await model();
      // Questions are what must be fast: start whatever embeds them (the model thread, for a fitted table).
      await embedQueries(embedder, ['warm up']);
      warmedUp = true;
    },
    async readiness() {
      const version = await readSchemaVersion(deps.pool).catch(() => undefined);
      const database = version !== undefined;
      const migrations = database && version === (await latestMigrationVersion());
      return { database, migrations, embedder: warmedUp };
    },
  };
}
