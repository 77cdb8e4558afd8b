import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { SourceItem } from '../ingest/article-input.js';
import { chunkArticle, SENTENCE_END } from '../ingest/chunk.js';
import { chunkEmbedText } from '../ingest/content-hash.js';
import { readSource } from '../ingest/read-source.js';
import { HEADING_SEPARATOR } from '../queries/search.js';
import type { Embedder } from './embedder.js';

const HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;

/**
 * The texts a static table is fitted on, read from folders of articles (any format `kb index`
 * reads): every chunk exactly as indexing would embed it (title, headings, text), the single
 * sentences and headings inside them, which are as short as questions, and each sentence after
 * its article's title. The static table must imitate the model on all of them. Deduplicated, then
 * shuffled with a fixed seed, so a rebuild from the same folders fits the same texts, and a cap
 * keeps a mix of both kinds.
 */
export async function collectTrainingTexts(folders: readonly string[], limit: number): Promise<string[]> {
  return collectTrainingTextsOf(
    (async function* () {
      for (const folder of folders) yield* readSource(folder);
    })(),
    limit,
  );
}

/** collectTrainingTexts over the items of a source as read (uploaded articles, an export). */
export async function collectTrainingTextsOf(
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>,
  limit: number,
): Promise<string[]> {
  const seen = new Set<string>();
  const add = (text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean.length >= 12 && clean.length <= 4000) seen.add(clean);
  };
  for await (const item of items) {
    if (item.kind !== 'article') continue;
    const { title, body } = item.article;
    add(title);
    for (const chunk of chunkArticle(body)) {
      add(chunkEmbedText(title, chunk.headingPath.join(HEADING_SEPARATOR), chunk.text));
      for (const block of chunk.text.split(/\n{2,}/)) {
        const heading = HEADING.exec(block.trim());
        if (heading) add(heading[1] ?? '');
        else if (!block.trimStart().startsWith('```'))
          for (const sentence of plainText(block).split(SENTENCE_END)) {
            const words = sentence.split(' ').length;
            if (words < 3 || words > 60) continue;
            add(sentence);
            // The title with one sentence of its article: what a question about the article and
            // the sentence answering it share. On stackfaq these raised the fitted table's
            // vector-only nDCG@10 from 0.706 to 0.745 (USE-lite itself: 0.748).
            add(`${title}. ${sentence}`);
          }
      }
    }
  }
  return shuffle([...seen].sort(), 7).slice(0, limit);
}

// Markdown links, emphasis and inline code marks are noise in a sentence meant to read like a question.
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*([-+]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Fisher-Yates with a small linear congruential generator: the same order on every machine.
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const TEACHER_DIMENSIONS = 512;
const CACHE_MAGIC = 'STCH';
const CACHE_HEADER = 4 + 32;

/**
 * USE-lite's vector of every text, in calls of `batchSize`. The model's time is the cost here
 * (tens of minutes for 30k texts on two busy cores), so with `cachePath` each call's vectors are
 * appended to a file named for the exact texts, and a stopped run resumes where it was.
 */
export async function embedTrainingTexts(
  texts: readonly string[],
  teacher: Embedder,
  options: { cachePath?: string; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Float32Array> {
  const vectors = new Float32Array(texts.length * TEACHER_DIMENSIONS);
  const id = createHash('sha256').update(texts.join('\n')).digest();
  let done = 0;
  const { cachePath } = options;
  if (cachePath !== undefined) {
    const cached = existsSync(cachePath) ? await readFile(cachePath) : undefined;
    if (cached?.subarray(0, 4).toString() === CACHE_MAGIC && cached.subarray(4, CACHE_HEADER).equals(id)) {
      done = Math.min(texts.length, Math.floor((cached.length - CACHE_HEADER) / (TEACHER_DIMENSIONS * 4)));
      const bytes = cached.subarray(CACHE_HEADER, CACHE_HEADER + done * TEACHER_DIMENSIONS * 4);
      vectors.set(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
    } else await writeFile(cachePath, Buffer.concat([Buffer.from(CACHE_MAGIC), id]));
  }
  const batchSize = options.batchSize ?? 128;
  options.onProgress?.(done, texts.length);
  while (done < texts.length) {
    const batch = Float32Array.from((await teacher.embed(texts.slice(done, done + batchSize))).flat());
    vectors.set(batch, done * TEACHER_DIMENSIONS);
    if (cachePath !== undefined) await appendFile(cachePath, Buffer.from(batch.buffer));
    done += batch.length / TEACHER_DIMENSIONS;
    options.onProgress?.(done, texts.length);
  }
  return vectors;
}
