/**
 * Share of the claim's character 4-grams (within words, word edges marked by a space) that the
 * text contains: catches inflection and compounds the stemmer misses. `joined` is the text's words
 * (tokens.words) joined by single spaces, with a space at each end.
 */
export function charGramCoverage(claimWords: readonly string[], joined: string): number {
  const grams = new Set<string>();
  for (const w of claimWords) for (const g of charGrams(w)) grams.add(g);
  if (grams.size === 0) return 1;
  let n = 0;
  // A claim gram has spaces only at its ends, so a substring of the joined words is a gram of one word.
  for (const g of grams) if (joined.includes(g)) n++;
  return n / grams.size;
}

function charGrams(word: string): string[] {
  const padded = ` ${word} `;
  if (padded.length <= 4) return [padded];
  const out: string[] = [];
  for (let i = 0; i + 4 <= padded.length; i++) out.push(padded.slice(i, i + 4));
  return out;
}
