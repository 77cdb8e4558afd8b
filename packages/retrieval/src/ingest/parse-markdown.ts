import { parse as parseYaml } from 'yaml';
import { normaliseLocale, type RawArticle } from './parse-text.js';

// Front matter must open on the very first line; a `---` later in the body is a thematic break.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const H1 = /^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Reads a Markdown article with optional YAML front matter (title, url, tags, locale, visibility;
 * other keys ignored). The title falls back to the first `# ` heading; the body is everything
 * after the front matter, unchanged. Throws an Error naming the problem when the front matter is
 * not valid YAML or not a mapping.
 * @example parseMarkdown('---\ntitle: Refunds\ntags: billing, refunds\n---\nWe refund within 30 days.', 'refunds.md')
 */
export function parseMarkdown(text: string, externalId: string): RawArticle {
  const match = FRONT_MATTER.exec(text);
  const body = match ? text.slice(match[0].length) : text.replace(/^\uFEFF/, '');
  const meta = match ? readFrontMatter(match[1] ?? '') : {};
  const title = scalarToString(meta.title) ?? firstH1(body) ?? '';
  return {
    externalId,
    title,
    body,
    url: meta.url ?? null,
    tags: normaliseTags(meta.tags),
    locale: typeof meta.locale === 'string' ? normaliseLocale(meta.locale) : meta.locale,
    visibility: typeof meta.visibility === 'string' ? meta.visibility.trim().toLowerCase() : meta.visibility,
  };
}

function readFrontMatter(yamlText: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseYaml(yamlText);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`front matter: invalid YAML: ${reason}`, { cause: error });
  }
  // An empty block parses to null; treat it as no metadata.
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('front matter: expected a mapping of keys');
  return value as Record<string, unknown>;
}

// YAML turns `title: 2024` into a number; the author meant text.
function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function normaliseTags(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
  if (Array.isArray(value)) return value.map((tag) => scalarToString(tag) ?? tag);
  // Anything else goes through as-is so ArticleInput names the field in its reason.
  return value;
}

function firstH1(body: string): string | undefined {
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = H1.exec(line)?.[1]?.trim();
    if (heading) return heading;
  }
  return undefined;
}
