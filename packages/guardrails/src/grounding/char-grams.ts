import { words } from './tokens.js';

/** Share of the claim's character 4-grams (within words) that the text contains: catches inflection the stemmer misses. */
export function charGramCoverage(claimWords: readonly string[], text: string | ReadonlySet<string>): number {
  const grams = new Set<string>();
  for (const w of claimWords) for (const g of charGrams(w)) grams.add(g);
  if (grams.size === 0) return 1;
  const have = typeof text === 'string' ? charGramSet(text) : text;
  let n = 0;
  for (const g of grams) if (have.has(g)) n++;
  return n / grams.size;
}

/** The character 4-grams of a text's words, for charGramCoverage. */
export function charGramSet(text: string): Set<string> {
  const have = new Set<string>();
  for (const w of words(text)) for (const g of charGrams(w)) have.add(g);
  return have;
}

function charGrams(word: string): string[] {
  const padded = ` ${word} `;
  if (padded.length <= 4) return [padded];
  const out: string[] = [];
  for (let i = 0; i + 4 <= padded.length; i++) out.push(padded.slice(i, i + 4));
  return out;
}
