import { type Quantity, quantities } from './quantities.js';
import { splitSentences } from './sentences.js';
import { contentTokens, words } from './tokens.js';
import type { GroundingSource } from './types.js';

/** One sentence of a source, tokenised once. */
export interface SourceSentence {
  text: string;
  tokens: ReadonlySet<string>;
  quantities: Quantity[];
}

/** A source prepared once per check: its text, tokens, bigrams, word trigrams, quantities and sentences. */
export interface PreparedSource {
  n: number;
  text: string;
  lower: string;
  tokens: ReadonlySet<string>;
  bigrams: ReadonlySet<string>;
  trigrams: ReadonlySet<string>;
  /** The source's words joined by spaces (charGramCoverage's form). */
  joinedWords: string;
  quantities: Quantity[];
  sentences: SourceSentence[];
}

/** Normalises a source to its text. */
export function sourceText(source: GroundingSource): string {
  return typeof source === 'string' ? source : [source.title ?? '', source.text].filter(Boolean).join('\n');
}

/** Tokenises a source once so each sentence check is cheap. */
export function prepareSource(source: GroundingSource, index: number): PreparedSource {
  const text = sourceText(source);
  // Each sentence is tokenised once; the whole source's tokens are the sentences' in order.
  const perSentence = splitSentences(text).map((s) => ({ text: s.text, list: contentTokens(s.text) }));
  const sentences = perSentence.map((s) => ({ text: s.text, tokens: new Set(s.list), quantities: quantities(s.text) }));
  const tokens = perSentence.flatMap((s) => s.list);
  const all = words(text);
  return {
    n: index + 1,
    text,
    lower: text.toLowerCase(),
    tokens: new Set(tokens),
    bigrams: new Set(bigramsOf(tokens)),
    trigrams: new Set(trigramsOf(all)),
    joinedWords: ` ${all.join(' ')} `,
    quantities: sentences.flatMap((s) => s.quantities),
    sentences,
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

/** Runs of three words as written (stopwords kept): copied phrasing rather than shared vocabulary. */
export function trigramsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < tokens.length; i++) out.push(`${tokens[i - 2]} ${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

/** The best-matching stretch of evidence for a claim: up to WINDOW consecutive sentences of one source. */
export interface EvidenceWindow {
  source: number;
  sentences: SourceSentence[];
  /** Rarity-weighted share of the claim's content words the window contains. */
  weightedCoverage: number;
  coverage: number;
}

/** Sentences per window: a claim often joins facts from neighbouring sentences. */
const WINDOW = 3;

/**
 * Per claim token, its rarity in the evidence (inverse sentence frequency; a token the evidence
 * lacks gets the highest weight), and the best window by rarity-weighted coverage.
 */
export function alignClaim(
  claimTokens: readonly string[],
  evidence: readonly PreparedSource[],
): { weights: number[]; window: EvidenceWindow | null; bestSentence: number } {
  const unique = [...new Set(claimTokens)];
  const total = evidence.reduce((n, e) => n + e.sentences.length, 0);
  const df = new Array<number>(unique.length).fill(0);
  // In evidence order, so a window's sentences follow its first one in this list.
  const matches: { source: PreparedSource; index: number; hits: number[] }[] = [];
  for (const e of evidence) {
    e.sentences.forEach((s, index) => {
      const hits: number[] = [];
      unique.forEach((t, k) => {
        if (s.tokens.has(t)) {
          hits.push(k);
          df[k] = (df[k] ?? 0) + 1;
        }
      });
      if (hits.length > 0) matches.push({ source: e, index, hits });
    });
  }
  const weights = df.map((d) => Math.log((total + 1) / (d + 1)) + 1);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let best: EvidenceWindow | null = null;
  // The best single sentence: a claim one sentence states is stronger than one a window assembles.
  let bestSentence = 0;
  for (const m of matches) {
    let w = 0;
    for (const k of m.hits) w += weights[k] ?? 0;
    if (weightSum > 0 && w / weightSum > bestSentence) bestSentence = w / weightSum;
  }
  const seen = new Uint8Array(unique.length);
  matches.forEach((m, i) => {
    // A window starts at a matching sentence and takes the next WINDOW - 1 of the same source.
    seen.fill(0);
    let weighted = 0;
    let count = 0;
    for (let j = i; j < matches.length; j++) {
      const other = matches[j];
      if (other === undefined || other.source !== m.source || other.index >= m.index + WINDOW) break;
      for (const k of other.hits) {
        if (seen[k] === 1) continue;
        seen[k] = 1;
        weighted += weights[k] ?? 0;
        count++;
      }
    }
    const weightedCoverage = weightSum === 0 ? 0 : weighted / weightSum;
    if (best === null || weightedCoverage > best.weightedCoverage) {
      best = {
        source: m.source.n,
        sentences: m.source.sentences.slice(m.index, m.index + WINDOW),
        weightedCoverage,
        coverage: count / unique.length,
      };
    }
  });
  return { weights, window: best, bestSentence };
}
