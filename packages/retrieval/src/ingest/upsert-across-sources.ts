import { z } from 'zod';
import type { ArticleInput } from './article-input.js';
import type { IndexSummary } from './index-articles.js';

/** What a bulk upsert stored, over every source it touched; failures name their source and article. */
export const BulkUpsertSummary = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.array(z.object({ source: z.string(), externalId: z.string(), reason: z.string() })),
});
export type BulkUpsertSummary = z.infer<typeof BulkUpsertSummary>;

/** An article together with the source it belongs to. */
export type SourcedArticle = ArticleInput & { source: string };

/** Upserts articles of several sources, one call of `upsert` per source, and sums what each stored. */
export async function upsertAcrossSources(
  upsert: (source: string, articles: ArticleInput[]) => Promise<IndexSummary>,
  articles: readonly SourcedArticle[],
): Promise<BulkUpsertSummary> {
  // Map.groupBy would do, but Node 20 lacks it.
  const bySource = new Map<string, ArticleInput[]>();
  for (const { source, ...article } of articles) {
    const group = bySource.get(source);
    if (group === undefined) bySource.set(source, [article]);
    else group.push(article);
  }
  const result: BulkUpsertSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
  for (const [source, group] of bySource) {
    const summary = await upsert(source, group);
    result.added += summary.added;
    result.updated += summary.updated;
    result.unchanged += summary.unchanged;
    // upsertArticles names each failure by the article's external id.
    for (const f of summary.failed) result.failed.push({ source, externalId: f.path, reason: f.reason });
  }
  return result;
}
