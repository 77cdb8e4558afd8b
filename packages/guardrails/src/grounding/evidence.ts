import { type Quantity, quantities } from './quantities.js';
import { splitSentences } from './sentences.js';
import { contentTokens } from './tokens.js';
import type { GroundingSource } from './types.js';

/** A source prepared once per check: its text, tokens, bigrams, quantities and sentences. */
export interface PreparedSource {
  n: number;
  text: string;
  lower: string;
  tokens: ReadonlySet<string>;
  bigrams: ReadonlySet<string>;
  quantities: Quantity[];
  sentences: string[];
}

/** Normalises a source to its text. */
export function sourceText(source: GroundingSource): string {
  return typeof source === 'string' ? source : [source.title ?? '', source.text].filter(Boolean).join('\n');
}

/** Tokenises a source once so each sentence check is cheap. */
export function prepareSource(source: GroundingSource, index: number): PreparedSource {
  const text = sourceText(source);
  const tokens = contentTokens(text);
  return {
    n: index + 1,
    text,
    lower: text.toLowerCase(),
    tokens: new Set(tokens),
    bigrams: new Set(bigramsOf(tokens)),
    quantities: quantities(text),
    sentences: splitSentences(text).map((s) => s.text),
  };
}

/** Adjacent content-token pairs, order-insensitive so "refund processed" matches "processed refund". */
export function bigramsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const [a, b] = [tokens[i - 1] ?? '', tokens[i] ?? ''];
    out.push(a < b ? `${a} ${b}` : `${b} ${a}`);
  }
  return out;
}

/** Share of the claim's content words (and word pairs) found in the evidence, from 0 to 1. */
export function lexicalSupport(
  claimTokens: readonly string[],
  evidence: readonly PreparedSource[],
  unigramWeight: number,
): number {
  if (claimTokens.length === 0) return 1;
  const has = (t: string): boolean => evidence.some((e) => e.tokens.has(t));
  const unigram = claimTokens.filter(has).length / claimTokens.length;
  const pairs = bigramsOf(claimTokens);
  if (pairs.length === 0) return unigram;
  const bigram = pairs.filter((p) => evidence.some((e) => e.bigrams.has(p))).length / pairs.length;
  return unigramWeight * unigram + (1 - unigramWeight) * bigram;
}
