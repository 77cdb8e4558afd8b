import { createHash } from 'node:crypto';
import type { ArticleInput } from './article-input.js';

// Bump when chunking changes, so the next run re-chunks every article (embeddings of text that
// did not change are still reused through their own hash).
const CHUNKER_VERSION = 1;

/** A hash of everything about an article that indexing reads: unchanged hash, nothing to do. */
export function articleContentHash(article: ArticleInput): string {
  return sha256(
    JSON.stringify([
      CHUNKER_VERSION,
      article.title,
      article.url,
      article.body,
      article.locale,
      [...article.tags].sort(),
      article.visibility,
    ]),
  );
}

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The text the embedder sees for a chunk: title and headings first, since a chunk's text alone often never names its topic. */
export function chunkEmbedText(title: string, headingPath: string, text: string): string {
  return [title, headingPath, text].filter((s) => s !== '').join('\n');
}
