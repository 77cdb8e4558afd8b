// A word-level token: a run of letters/digits, or one punctuation mark. Close enough to a
// model tokenizer (about 0.75 of a BPE token count in English) to size chunks, and needs no model.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Counts word-level tokens (words, numbers and punctuation marks). */
export function countTokens(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TOKEN)) n++;
  return n;
}

/** Splits text into pieces of at most `maxTokens` tokens, cutting only at whitespace. */
export function splitByTokens(text: string, maxTokens: number): string[] {
  const words = text.split(/(?<=\s)(?=\S)/);
  const pieces: string[] = [];
  let current = '';
  let currentTokens = 0;
  for (const word of words) {
    const n = countTokens(word);
    if (current !== '' && currentTokens + n > maxTokens) {
      pieces.push(current.trim());
      current = '';
      currentTokens = 0;
    }
    current += word;
    currentTokens += n;
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces;
}
