import { z } from 'zod';

/** Who reads the results: an agent sees every article, a customer the public ones only. */
export type Audience = 'agent' | 'customer';

/** Which articles a search may return; every filter applies inside both search branches. */
export const SearchFilters = z
  .object({
    visibility: z
      .array(z.enum(['public', 'internal']))
      .min(1)
      .default(['public']),
    locale: z.string().trim().min(2).max(20).optional(),
    /** Articles carrying any of these tags. */
    tags: z.array(z.string().trim().min(1)).max(50).optional(),
    sources: z.array(z.string().trim().min(1)).max(50).optional(),
  })
  .strict();
export type SearchFilters = z.output<typeof SearchFilters>;

/** A search as callers send it; the API and the CLI validate with this same schema. */
export const SearchRequest = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
    k: z.number().int().min(1).max(100).default(10),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    filters: SearchFilters.default({ visibility: ['public'] }),
    /** Return only the best chunk of each article (the default), or every matching chunk. */
    perArticle: z.boolean().default(true),
  })
  .strict();
export type SearchRequest = z.input<typeof SearchRequest>;
export type ParsedSearchRequest = z.output<typeof SearchRequest>;

const BranchRank = z.object({ rank: z.number().int(), score: z.number() });

/** One search result: a chunk, its article, and how each branch ranked it. */
export const SearchHit = z.object({
  /** The article's external id in its source. */
  articleId: z.string(),
  source: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  headingPath: z.array(z.string()),
  text: z.string(),
  score: z.number(),
  chunkId: z.number().int(),
  visibility: z.enum(['public', 'internal']),
  ranks: z.object({ keyword: BranchRank.optional(), vector: BranchRank.optional() }),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** Hits plus what the search could not do (a skipped branch), so callers can say so. */
export const SearchResult = z.object({
  hits: z.array(SearchHit),
  mode: z.enum(['hybrid', 'vector', 'keyword']),
  warnings: z.array(z.string()),
});
export type SearchResult = z.infer<typeof SearchResult>;

/**
 * The visibility a search runs with: a customer gets public articles whatever it asked for; an
 * agent gets what it asked for. The one place that rule is written.
 */
export function visibilityFor(audience: Audience, requested: SearchFilters['visibility']): SearchFilters['visibility'] {
  return audience === 'customer' ? ['public'] : requested;
}
