import { splitSentences } from './sentences.js';
import type { EmbedFunction, SentenceVerdict } from './types.js';

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Rescues paraphrases: a sentence whose only problem is weak lexical support becomes supported when
 * its embedding is close enough to a sentence of its evidence. Contradictions and citation errors
 * are never overridden.
 */
export async function applySemantic(
  sentences: readonly SentenceVerdict[],
  evidenceFor: (s: SentenceVerdict) => string[],
  embed: EmbedFunction,
  threshold: number,
): Promise<SentenceVerdict[]> {
  const candidates = sentences.filter(
    (s) =>
      s.factual &&
      s.problem === 'not-found' &&
      s.findings.every((f) => f.kind !== 'bad-citation' && f.kind !== 'no-citation'),
  );
  if (candidates.length === 0) return [...sentences];
  const evidence = candidates.map((s) => evidenceFor(s).flatMap((e) => splitSentences(e).map((x) => x.text)));
  const vectors = await embed([...candidates.map((s) => s.text), ...evidence.flat()]);
  let offset = candidates.length;
  const best = new Map<SentenceVerdict, number>();
  candidates.forEach((s, i) => {
    const own = vectors[i] ?? [];
    const mine = evidence[i] ?? [];
    const sims = mine.map((_, j) => cosine(own, vectors[offset + j] ?? []));
    offset += mine.length;
    best.set(s, Math.max(0, ...sims));
  });
  return sentences.map((s) => {
    const similarity = best.get(s);
    if (similarity === undefined || similarity < threshold) return s;
    return { ...s, supported: true, score: Math.max(s.score, similarity), problem: null, reasons: [], findings: [] };
  });
}
