import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { chunkArticle } from './chunk.js';
import { countTokens } from './tokens.js';

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('chunkArticle', () => {
  it('keeps the heading path of each section', () => {
    const body = [
      '# Refunds',
      'Intro text about refunds that is long enough to stand alone as a chunk. '.repeat(10),
      '## Timing',
      'Money reaches your card in 5 to 10 business days after we receive the item. '.repeat(10),
      '### Exceptions',
      'PayPal refunds arrive within 2 business days, which is faster than cards. '.repeat(10),
      '## Fees',
      'There is no fee for a refund on an unopened item returned within the window. '.repeat(10),
    ].join('\n\n');
    const chunks = chunkArticle(body, { maxTokens: 200 });
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ['Refunds'],
      ['Refunds', 'Timing'],
      ['Refunds', 'Timing', 'Exceptions'],
      ['Refunds', 'Fees'],
    ]);
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1, 2, 3]);
  });

  it('joins a short section to the one before it, keeping its heading in the text', () => {
    const chunks = chunkArticle('## Short\n\nOnly a line.\n\n## Also short\n\nAnother line.', { maxTokens: 200 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toContain('## Also short');
  });

  it('does not treat a # inside a code fence as a heading', () => {
    const chunks = chunkArticle('## Setup\n\n```sh\n# not a heading\nnpm install\n```', { maxTokens: 200 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headingPath).toEqual(['Setup']);
    expect(chunks[0]?.text).toContain('# not a heading');
  });

  it('splits one long paragraph at sentence ends and overlaps consecutive chunks', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} explains one more detail.`);
    const chunks = chunkArticle(sentences.join(' '), { maxTokens: 60, overlapTokens: 15 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence number \d+ .*detail\.$/s);
    const [first, second] = chunks;
    const lastSentence = first?.text.split('. ').at(-1) ?? '';
    expect(second?.text.startsWith(lastSentence.replace(/\.$/, ''))).toBe(true);
  });

  it('returns no chunk for an empty body', () => {
    expect(chunkArticle('  \n\n ')).toEqual([]);
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.lorem({ maxCount: 80, mode: 'sentences' }),
        fc.lorem({ maxCount: 3 }).map((t) => `## ${t}`),
        fc.constant(''),
        fc.string({ maxLength: 300 }),
      ),
      { maxLength: 30 },
    ),
    fc.integer({ min: 20, max: 300 }),
  ])('drops no word, makes no empty chunk and respects the size bound', (lines, maxTokens) => {
    const body = lines.join('\n\n');
    const chunks = chunkArticle(body, { maxTokens });
    const seen = new Set(chunks.flatMap((c) => [...words(c.text), ...c.headingPath.flatMap(words)]));
    for (const word of words(body)) expect(seen.has(word)).toBe(true);
    for (const chunk of chunks) {
      expect(chunk.text.trim()).not.toBe('');
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
      // Merged sections add their heading line; a single over-long "word" can't be split further.
      expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens + 40);
    }
  });
});
