const STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for with from into onto over under about as is are was were be been being
am do does did doing have has had having it its it's this that these those there here their they them he she him her his hers
i me my we us our you your yours can could will would shall should may might must also just very too than such
which who whom whose what when where why how all any each some more most other another both either only own same
s t d ll re ve m o y up out off again further once one get gets got lot lots really well yes`.split(/\s+/),
);

/** Words that flip a claim's polarity. */
export const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'nowhere',
  'cannot',
  'without',
  'unable',
  "n't",
  // "did nt": tokenised dialogue text splits the contraction and drops the apostrophe.
  'nt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'couldnt',
  'wont',
  'wouldnt',
  'shouldnt',
  'hasnt',
  'havent',
  'hadnt',
  'aint',
  'lack',
  'lacks',
]);

/** Lower-cased word tokens, contractions split so that "don't" yields "do" and "n't". */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/n't|[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu) ?? []
  );
}

// Punctuation that ends a clause: a negation does not reach past it ("you were never charged: we release
// the authorisation" does not deny the release).
const CLAUSE_BREAK = /[,;:()[\]!?\u2013\u2014]|\s-\s/u;
// A sentence ends at a line break, or at ! ? or a full stop before a capital; a full stop only after a
// lower-case word, so abbreviations ("U.S. Supreme Court", "e.g. Refunds") end neither sentence nor clause.
const SENTENCE_BREAK = /(?<=[!?]|\p{Ll}{2}\.)\s+(?=\p{Lu})|\n+/u;

/** words(text) with, for each word, the index of the clause and of the sentence it is in. */
export function clauseWords(text: string): { words: string[]; clause: number[]; sentence: number[] } {
  const out = { words: [] as string[], clause: [] as number[], sentence: [] as number[] };
  let clause = 0;
  text.split(SENTENCE_BREAK).forEach((piece, n) => {
    for (const part of piece.split(CLAUSE_BREAK)) {
      for (const w of words(part)) {
        out.words.push(w);
        out.clause.push(clause);
        out.sentence.push(n);
      }
      clause++;
    }
  });
  return out;
}

/** A light suffix-stripping stemmer: enough to match "refunds"/"refunded"/"refunding". */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  const rules: ReadonlyArray<readonly [RegExp, string]> = [
    [/ies$/, 'y'],
    [/(?:sses)$/, 'ss'],
    [/(?:ing|ingly)$/, ''],
    [/(?:edly|ed)$/, ''],
    [/(?:ations?|ation)$/, 'ate'],
    // "refundable", "cancellable": what can be done is the verb.
    [/(?:able|ible)$/, ''],
    [/(?:ments?)$/, ''],
    [/(?:ness|ly|ers?|s)$/, ''],
  ];
  for (const [suffix, replacement] of rules) {
    if (suffix.test(word)) {
      const out = word.replace(suffix, replacement);
      if (out.length >= 3) return out.replace(/(.)\1$/, '$1').replace(/e$/, '');
    }
  }
  return word.replace(/e$/, '');
}

/** Stemmed content words; stopwords, negations and anything with a digit (quantities are checked apart) removed. */
export function contentTokens(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !NEGATIONS.has(w) && !/\d/.test(w))
    .map(stem);
}
