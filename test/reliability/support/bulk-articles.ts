import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `count` small Markdown articles (article-0.md …) into a new folder `folder`. */
export async function writeBulkArticles(folder: string, count: number): Promise<void> {
  await mkdir(folder);
  for (let i = 0; i < count; i++)
    await writeFile(
      join(folder, `article-${i}.md`),
      `# Bulk article ${i}\n\n## Section\n\nTopic ${i} covers refunds, invoices and shipping for order ${i}.\n\nA second paragraph about item ${i}.\n`,
    );
}
