import type { JudgeModel, JudgeUsage, SentenceVerdict } from './types.js';

/** The yes/no entailment prompt for one sentence and the sources it is checked against. */
export function judgePrompt(sentence: string, sources: readonly string[]): string {
  const numbered = sources.map((s, i) => `[${i + 1}] ${s}`).join('\n');
  return [
    'You check whether a claim is fully supported by the sources below.',
    'Answer with one word: "yes" if every fact in the claim is stated or directly implied by the sources, otherwise "no".',
    '',
    `Sources:\n${numbered}`,
    '',
    `Claim: ${sentence}`,
    'Answer:',
  ].join('\n');
}

/** Reads a yes/no reply; anything that does not start with yes or no is undecided (null). */
export function parseJudgeReply(content: unknown): boolean | null {
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map(partText).join('') : '';
  const m = /^\W*(yes|no)\b/i.exec(text.trim());
  return m === null ? null : (m[1] ?? '').toLowerCase() === 'yes';
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string') return part.text;
  return '';
}

/** True for a sentence the judge is asked about: a claim near the threshold that nothing contradicts. */
export function isUncertain(s: SentenceVerdict, threshold: number, band: number): boolean {
  if (!s.factual || s.problem === 'contradiction') return false;
  if (s.findings.some((f) => f.kind === 'bad-citation' || f.kind === 'no-citation')) return false;
  return Math.abs(s.score - threshold) <= band;
}

const JUDGE_SAYS_NO = 'not found: the judge model found the claim not supported by the sources';

/**
 * Asks the model about the uncertain sentences only. A "yes" makes the sentence supported, a "no"
 * unsupported (not found); an unclear reply leaves the deterministic verdict. Returns what it cost.
 */
export async function applyJudge(
  sentences: readonly SentenceVerdict[],
  evidenceFor: (s: SentenceVerdict) => string[],
  model: JudgeModel,
  band: { threshold: number; band: number },
): Promise<{ sentences: SentenceVerdict[]; usage: JudgeUsage }> {
  const usage: JudgeUsage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const judged = await Promise.all(
    sentences.map(async (s): Promise<SentenceVerdict> => {
      if (!isUncertain(s, band.threshold, band.band)) return s;
      const reply = await model.invoke(judgePrompt(s.text, evidenceFor(s)));
      usage.calls++;
      usage.promptTokens += reply.usage_metadata?.input_tokens ?? 0;
      usage.completionTokens += reply.usage_metadata?.output_tokens ?? 0;
      const verdict = parseJudgeReply(reply.content);
      if (verdict === null) return s;
      if (verdict)
        return {
          ...s,
          supported: true,
          score: Math.max(s.score, band.threshold),
          problem: null,
          reasons: [],
          findings: [],
        };
      const finding = { kind: 'judge' as const, strength: 'not-found' as const, message: JUDGE_SAYS_NO.slice(11) };
      return {
        ...s,
        supported: false,
        score: Math.min(s.score, band.threshold - 0.01),
        problem: 'not-found',
        reasons: s.supported ? [JUDGE_SAYS_NO] : [...s.reasons, JUDGE_SAYS_NO],
        findings: s.supported ? [finding] : [...s.findings, finding],
      };
    }),
  );
  return { sentences: judged, usage };
}
