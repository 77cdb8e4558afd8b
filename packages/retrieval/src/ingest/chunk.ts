import { countTokens, splitByTokens } from './tokens.js';

/** One retrievable piece of an article, with the headings it sits under. */
export interface Chunk {
  ordinal: number;
  headingPath: string[];
  text: string;
  tokenCount: number;
}

/** Chunk sizes in word-level tokens (see countTokens). */
export interface ChunkOptions {
  maxTokens?: number;
  overlapTokens?: number;
  /** A section smaller than this is joined to the next one rather than standing alone. */
  minTokens?: number;
}

interface Section {
  headingPath: string[];
  /** The heading line itself, kept so a section merged into another keeps its title in the text. */
  heading: string;
  blocks: string[];
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
// A sentence ends at . ! or ? followed by space and an upper-case letter, digit or quote; this
// keeps "e.g. this" and "v1.2" whole.
export const SENTENCE_END = /(?<=[.!?])\s+(?=["'“([]?[\p{Lu}\p{N}])/u;

/**
 * Splits a Markdown or plain-text article into chunks: by headings first, then paragraphs, then
 * sentences, then words, packing pieces up to `maxTokens` with a small overlap between the
 * chunks of one section. Every word of the body lands in at least one chunk; no chunk is empty.
 * @example chunkArticle('# Refunds\n\nWe refund within 14 days.', { maxTokens: 300 })
 */
export function chunkArticle(body: string, options: ChunkOptions = {}): Chunk[] {
  const maxTokens = options.maxTokens ?? 300;
  const overlapTokens = Math.min(options.overlapTokens ?? 40, Math.floor(maxTokens / 4));
  const minTokens = options.minTokens ?? 60;
  const chunks: Chunk[] = [];
  let pending: { headingPath: string[]; pieces: string[]; tokens: number; fresh: boolean } | undefined;

  const flush = () => {
    if (pending === undefined) return;
    const text = pending.pieces.join('\n\n').trim();
    if (text !== '')
      chunks.push({ ordinal: chunks.length, headingPath: pending.headingPath, text, tokenCount: countTokens(text) });
    pending = undefined;
  };

  for (const section of splitSections(body)) {
    // Pieces leave room for the overlap carried from the previous chunk.
    const pieces = section.blocks.flatMap((block) => splitBlock(block, maxTokens - overlapTokens));
    if (pieces.length === 0) continue;
    const sectionTokens = pieces.reduce((sum, p) => sum + countTokens(p), 0);
    // A short section joins the chunk before it when both fit: many tiny chunks rank badly.
    if (pending?.fresh && pending.tokens < minTokens && pending.tokens + sectionTokens <= maxTokens) {
      pending.pieces.push(section.heading, ...pieces);
      pending.tokens += sectionTokens + countTokens(section.heading);
      continue;
    }
    flush();
    for (const piece of pieces) {
      const n = countTokens(piece);
      if (pending !== undefined && pending.tokens + n > maxTokens) {
        // Carry the overlap only when it leaves room for the new piece; never emit overlap alone.
        const carried = pending.fresh ? tail(pending.pieces, Math.min(overlapTokens, maxTokens - n)) : [];
        if (pending.fresh) flush();
        pending = {
          headingPath: section.headingPath,
          pieces: carried,
          tokens: countTokens(carried.join(' ')),
          fresh: false,
        };
      }
      pending ??= { headingPath: section.headingPath, pieces: [], tokens: 0, fresh: false };
      pending.pieces.push(piece);
      pending.tokens += n;
      pending.fresh = true;
    }
  }
  flush();
  return chunks;
}

function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; title: string }[] = [];
  let current: Section = { headingPath: [], heading: '', blocks: [] };
  let paragraph: string[] = [];
  let inFence = false;
  const endParagraph = () => {
    const text = paragraph.join('\n').trim();
    if (text !== '') current.blocks.push(text);
    paragraph = [];
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading?.[1] !== undefined && heading[2] !== undefined) {
      endParagraph();
      sections.push(current);
      const level = heading[1].length;
      while ((stack.at(-1)?.level ?? 0) >= level) stack.pop();
      stack.push({ level, title: heading[2] });
      current = { headingPath: stack.map((h) => h.title), heading: line.trim(), blocks: [] };
    } else if (line.trim() === '' && !inFence) {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  sections.push(current);
  // An empty section whose heading the next section nests under lives on in that section's path;
  // any other empty heading (a trailing one, say) is kept as text so no words are lost.
  return sections.filter((section, i) => {
    if (section.blocks.length > 0) return true;
    const next = sections[i + 1];
    const isParent = next !== undefined && section.headingPath.every((h, j) => next.headingPath[j] === h);
    if (!isParent && section.heading !== '') section.blocks.push(section.heading);
    return section.blocks.length > 0;
  });
}

function splitBlock(block: string, maxTokens: number): string[] {
  if (countTokens(block) <= maxTokens) return [block];
  const sentences = block.split(SENTENCE_END);
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    for (const part of countTokens(sentence) > maxTokens ? splitByTokens(sentence, maxTokens) : [sentence]) {
      const joined = current === '' ? part : `${current} ${part}`;
      if (current !== '' && countTokens(joined) > maxTokens) {
        pieces.push(current);
        current = part;
      } else {
        current = joined;
      }
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

// The last sentences of a chunk, up to `budget` tokens, repeated at the start of the next one.
function tail(pieces: string[], budget: number): string[] {
  if (budget <= 0) return [];
  const last = pieces.at(-1) ?? '';
  const sentences = last.split(SENTENCE_END);
  const kept: string[] = [];
  let tokens = 0;
  for (let i = sentences.length - 1; i >= 0; i--) {
    const sentence = sentences[i] ?? '';
    const n = countTokens(sentence);
    if (tokens + n > budget) break;
    kept.unshift(sentence);
    tokens += n;
  }
  return kept.length === 0 ? [] : [kept.join(' ')];
}
