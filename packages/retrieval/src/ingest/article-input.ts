import { z } from 'zod';

/** An article as a source gives it, before chunking; validated at every door that accepts one. */
export const ArticleInput = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(500),
  title: z.string().trim().max(1000),
  url: z.string().trim().url('must be an absolute URL').max(2000).nullable().default(null),
  body: z.string(),
  locale: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR')
    .default('en'),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  visibility: z.enum(['public', 'internal']).default('public'),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

/** One item read from a source: an article, or the reason a file or record was skipped. */
export type SourceItem =
  | { kind: 'article'; path: string; article: ArticleInput }
  | { kind: 'failed'; path: string; reason: string; externalId?: string };

/**
 * Checks a parsed article: it needs a title or a body, and a valid shape.
 * Returns the failure reason as a value, naming the field.
 */
export function toSourceItem(path: string, raw: unknown): SourceItem {
  const parsed = ArticleInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'article';
    const externalId = (raw as { externalId?: unknown } | null)?.externalId;
    return {
      kind: 'failed',
      path,
      reason: `${field}: ${issue?.message ?? 'invalid'}`,
      ...(typeof externalId === 'string' ? { externalId } : {}),
    };
  }
  const article = parsed.data;
  if (article.title === '' && article.body.trim() === '')
    return { kind: 'failed', path, reason: 'missing title and body', externalId: article.externalId };
  if (article.title === '') article.title = firstLine(article.body);
  if (article.body.trim() === '') article.body = article.title;
  return { kind: 'article', path, article };
}

function firstLine(body: string): string {
  const line = body.trim().split('\n')[0] ?? '';
  return line.replace(/^#+\s*/, '').slice(0, 200);
}
