import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '@support/db';

/** Writes `count` small Markdown articles (article-0.md …) into a new folder `folder`. */
export async function writeBulkArticles(folder: string, count: number): Promise<void> {
  await mkdir(folder);
  for (let i = 0; i < count; i++)
    await writeFile(
      join(folder, `article-${i}.md`),
      `# Bulk article ${i}\n\n## Section\n\nTopic ${i} covers refunds, invoices and shipping for order ${i}.\n\nA second paragraph about item ${i}.\n`,
    );
}

/** What one source holds: its articles as "id hash", sorted, and its chunk count. */
export interface IndexedSource {
  articles: string[];
  chunks: number;
}

/**
 * Every source in a database with what it holds, so a run can be compared with another source
 * or database indexed from the same folder without interruption.
 */
export async function indexedSources(db: Queryable): Promise<Record<string, IndexedSource>> {
  const { rows } = await db.query<{ source: string; a: string }>(
    `SELECT source, external_id || ' ' || content_hash AS a FROM articles ORDER BY 1, 2`,
  );
  const { rows: chunks } = await db.query<{ source: string; n: number }>(
    'SELECT a.source, count(*)::int AS n FROM chunks c JOIN articles a ON a.id = c.article_id GROUP BY 1',
  );
  const sources: Record<string, IndexedSource> = {};
  const of = (source: string) => {
    sources[source] ??= { articles: [], chunks: 0 };
    return sources[source];
  };
  for (const r of rows) of(r.source).articles.push(r.a);
  for (const r of chunks) of(r.source).chunks = r.n;
  return sources;
}
