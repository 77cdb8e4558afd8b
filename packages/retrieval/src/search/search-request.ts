import { z } from 'zod';

/** A search as callers send it; the API and the CLI validate with this same schema. */
export const SearchRequest = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters'),
    k: z.number().int().min(1).max(100).default(10),
    mode: z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'),
    filters: z
      .object({
        visibility: z
          .array(z.enum(['public', 'internal']))
          .min(1)
          .default(['public']),
        locale: z.string().trim().min(2).max(20).optional(),
        tags: z.array(z.string().trim().min(1)).max(50).optional(),
        sources: z.array(z.string().trim().min(1)).max(50).optional(),
      })
      .strict()
      .default({ visibility: ['public'] }),
    /** Return only the best chunk of each article (the default), or every matching chunk. */
    perArticle: z.boolean().default(true),
  })
  .strict();
export type SearchRequest = z.input<typeof SearchRequest>;
export type ParsedSearchRequest = z.output<typeof SearchRequest>;

/** One search result: a chunk, its article, and how each branch ranked it. */
export interface SearchHit {
  /** The article's external id in its source. */
  articleId: string;
  source: string;
  title: string;
  url: string | null;
  headingPath: string[];
  text: string;
  score: number;
  chunkId: number;
  visibility: 'public' | 'internal';
  ranks: {
    keyword?: { rank: number; score: number };
    vector?: { rank: number; score: number };
  };
}

/** Hits plus what the search could not do (a skipped branch), so callers can say so. */
export interface SearchResult {
  hits: SearchHit[];
  mode: 'hybrid' | 'vector' | 'keyword';
  warnings: string[];
}
