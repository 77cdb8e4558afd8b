// USE-lite's graph reads the first 128 pieces of a text and ignores the rest (measured: a text and
// its first 128 pieces give the same vector to the bit).
export const USE_LITE_MAX_PIECES = 128;

// Characters tried first: 128 pieces are rarely more than ~700 characters of English prose.
const FIRST_PREFIX = 1024;

/**
 * The pieces USE-lite reads from a text, tokenising only as much of it as needed. The text is cut
 * at a space: the tokenizer never puts a piece across a space, so every piece before the cut is
 * the one the whole text would give. The prefix doubles until it yields more pieces than are read.
 * @param {string} text
 * @param {(text: string) => number[]} encode the model's tokenizer
 * @returns {number[]}
 */
export function firstPieces(text, encode) {
  for (let length = FIRST_PREFIX; ; length *= 2) {
    if (length >= text.length) return encode(text).slice(0, USE_LITE_MAX_PIECES);
    const cut = text.lastIndexOf(' ', length);
    if (cut > 0) {
      const pieces = encode(text.slice(0, cut));
      if (pieces.length > USE_LITE_MAX_PIECES) return pieces.slice(0, USE_LITE_MAX_PIECES);
    }
  }
}
