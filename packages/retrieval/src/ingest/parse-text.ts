import { posix } from 'node:path';

/**
 * What a parser builds from one file or record: known fields only, still unchecked.
 * `toSourceItem` validates it, so a parser never decides whether an article is acceptable.
 */
export interface RawArticle {
  externalId: string;
  title: string;
  body: string;
  url?: unknown;
  tags?: unknown;
  locale?: unknown;
  visibility?: unknown;
}

// Longer first lines read as prose, not as a heading.
const MAX_TITLE_LENGTH = 120;

/**
 * Reads a plain-text article: a short first line is the title, otherwise the file name is.
 * @example parseText('Gift cards\n\nThey never expire.', 'gift-cards.txt') // title 'Gift cards'
 */
export function parseText(text: string, externalId: string): RawArticle {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return { externalId, title: '', body: '' };
  const firstLine = (lines[first] ?? '').trim();
  if (firstLine.length <= MAX_TITLE_LENGTH) {
    return {
      externalId,
      title: firstLine,
      body: lines
        .slice(first + 1)
        .join('\n')
        .trim(),
    };
  }
  return { externalId, title: fileStem(externalId), body: text.trim() };
}

/**
 * Puts a language tag into canonical case (en-us -> en-US, pt_br -> pt-BR); a tag that is not
 * well-formed is returned trimmed, so ArticleInput reports it with the field name.
 */
export function normaliseLocale(tag: string): string {
  const trimmed = tag.trim().replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? trimmed;
  } catch {
    return trimmed;
  }
}

function fileStem(externalId: string): string {
  const base = posix.basename(externalId);
  const ext = posix.extname(base);
  return ext === '' ? base : base.slice(0, -ext.length);
}
