import type { GroundingReport, SentenceVerdict } from '@support/guardrails';
import type { AnswerGrounding } from './answer-types.js';

/** What to do with sentences the grounding check does not support (see applyPolicy for strip's two tiers). */
export type GroundingPolicy = 'annotate' | 'strip' | 'abstain';

/** Told to the reader when the strip policy removed something, so a shorter answer is not a surprise. */
export const REMOVED_NOTE = 'Part of this answer was removed because the cited sources did not support it.';
/** Appended to each unsupported sentence under the annotate policy. */
export const UNVERIFIED_MARK = ' (unverified)';

/**
 * Under `strip`, a sentence the sources do not mention ("not found") is removed only when its
 * probability of being supported is below this, it states a number or contact the sources lack, or
 * the LLM judge rejected it;
 * otherwise it is annotated. Contradicted sentences are always removed.
 */
export const DEFAULT_STRIP_BELOW = 0.2;

/**
 * Applies the policy to an answer and its grounding report. Returns the text to show, whether to
 * abstain instead, and the grounding summary callers see. Under `strip`, contradictions and
 * weakly supported not-found sentences are removed, other not-found sentences annotated.
 */
export function applyPolicy(
  text: string,
  report: GroundingReport,
  policy: GroundingPolicy,
  stripBelow = DEFAULT_STRIP_BELOW,
): { text: string; abstain: boolean; grounding: AnswerGrounding } {
  const unsupported = report.sentences.filter((s) => s.factual && !s.supported);
  // An invented number or contact is removed even when only not found: a wrong amount or phone
  // number does more harm than a vague sentence, which is annotated instead. So is a sentence the
  // judge model read against the sources and rejected.
  const removable = (s: SentenceVerdict) =>
    s.problem !== 'not-found' ||
    s.score < stripBelow ||
    s.findings.some((f) => f.kind === 'number' || f.kind === 'contact' || f.kind === 'judge');
  const grounding: AnswerGrounding = {
    verdict: report.verdict,
    score: report.score,
    sentences: report.sentences
      .filter((s) => s.factual)
      .map((s) => ({
        text: s.text,
        citations: s.citations,
        supported: s.supported,
        score: Number(s.score.toFixed(3)),
        problem: s.problem,
        reasons: s.reasons,
      })),
    removed: 0,
  };
  if (unsupported.length === 0) return { text, abstain: false, grounding };
  if (policy === 'abstain') return { text, abstain: true, grounding };
  grounding.removed = unsupported.length;
  let out = '';
  let cursor = 0;
  let stripped = 0;
  for (const sentence of unsupported) {
    out += text.slice(cursor, sentence.start);
    if (policy === 'annotate' || !removable(sentence))
      out += text.slice(sentence.start, sentence.end).replace(/\s*$/, UNVERIFIED_MARK);
    else stripped++;
    cursor = sentence.end;
  }
  out += text.slice(cursor);
  if (policy === 'annotate' || stripped === 0) return { text: out, abstain: false, grounding };
  const kept = out
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const anyClaimLeft = report.sentences.some((s) => s.factual && (s.supported || !removable(s)));
  return { text: anyClaimLeft ? `${kept}\n\n${REMOVED_NOTE}` : kept, abstain: !anyClaimLeft, grounding };
}
