import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type SourceItem, toSourceItem } from './article-input.js';
import { htmlToMarkdown } from './parse-html.js';
import { normaliseLocale } from './parse-text.js';

/** One article of a Zendesk Help Center export, as far as ingestion relies on it. */
export const ZendeskArticle = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  title: z.string().nullish(),
  body: z.string().nullish(),
  html_url: z.string().nullish(),
  locale: z.string().nullish(),
  label_names: z.array(z.string()).nullish(),
  draft: z.boolean().nullish(),
  updated_at: z.string().nullish(),
  user_segment_id: z.union([z.number(), z.string()]).nullish(),
});
export type ZendeskArticle = z.infer<typeof ZendeskArticle>;

/**
 * Reads a Zendesk Help Center export file ({ articles: [...] }); drafts are skipped, a bad record
 * becomes a failed item. Throws only when the file cannot be read.
 */
export async function* readZendeskExport(path: string): AsyncGenerator<SourceItem> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    yield { kind: 'failed', path, reason: `invalid JSON: ${(error as Error).message}` };
    return;
  }
  yield* zendeskExportToItems(path, data);
}

/**
 * Turns an already parsed export into items, each with path `file:articles[i]`.
 * @example [...zendeskExportToItems('export.json', { articles: [{ id: 1, title: 'Refunds', body: '<p>30 days</p>' }] })]
 */
export function* zendeskExportToItems(path: string, data: unknown): Generator<SourceItem> {
  const articles = (data as { articles?: unknown } | null)?.articles;
  if (!Array.isArray(articles)) {
    yield { kind: 'failed', path, reason: 'expected a Zendesk export with an "articles" array' };
    return;
  }
  for (const [index, record] of articles.entries()) {
    const itemPath = `${path}:articles[${index}]`;
    const parsed = ZendeskArticle.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id = (record as { id?: unknown } | null)?.id;
      yield {
        kind: 'failed',
        path: itemPath,
        reason: `${issue?.path.join('.') || 'article'}: ${issue?.message ?? 'invalid'}`,
        ...(typeof id === 'string' || typeof id === 'number' ? { externalId: String(id) } : {}),
      };
      continue;
    }
    const article = parsed.data;
    if (article.draft === true) continue;
    yield toSourceItem(itemPath, {
      externalId: String(article.id),
      title: article.title ?? '',
      body: htmlToMarkdown(article.body ?? ''),
      url: article.html_url ?? null,
      tags: article.label_names ?? [],
      ...(article.locale ? { locale: normaliseLocale(article.locale) } : {}),
      // A user segment restricts who may read the article (agents, signed-in customers...).
      visibility: article.user_segment_id != null ? 'internal' : 'public',
    });
  }
}
