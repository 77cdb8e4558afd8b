import { type Retrieval, readSource } from '@support/retrieval';

/** What `--sample` did at start. */
export type SampleOutcome =
  | { kind: 'indexed'; articles: number; failed: number }
  /** The knowledge base holds other sources' articles; `sampleArticles` are left from an earlier start. */
  | { kind: 'skipped'; otherSources: { source: string; articles: number }[]; sampleArticles: number };

/** The source name the sample knowledge base is indexed under. */
export const SAMPLE_SOURCE = 'sample';

/**
 * Indexes the sample knowledge base only into a knowledge base that holds nothing else: a team that
 * indexed its own articles must not get the sample shop's refund policy cited in its answers.
 */
export async function indexSampleIfAlone(retrieval: Retrieval, folder: string): Promise<SampleOutcome> {
  const { sources } = await retrieval.stats();
  const otherSources = sources
    .filter((s) => s.source !== SAMPLE_SOURCE && s.articles > 0)
    .map(({ source, articles }) => ({ source, articles }));
  if (otherSources.length > 0) {
    const sampleArticles = sources.find((s) => s.source === SAMPLE_SOURCE)?.articles ?? 0;
    return { kind: 'skipped', otherSources, sampleArticles };
  }
  const summary = await retrieval.index(readSource(folder), { source: SAMPLE_SOURCE, fullSync: true });
  const articles = (await retrieval.stats()).sources.find((s) => s.source === SAMPLE_SOURCE)?.articles ?? 0;
  return { kind: 'indexed', articles, failed: summary.failed.length };
}
