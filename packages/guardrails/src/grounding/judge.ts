import type { JudgeModel, SentenceVerdict } from './types.js';

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

/**
 * Asks the model about each factual sentence the deterministic check passed. The judge can only add
 * findings: a "no" marks the sentence unsupported; a "yes" or an unclear reply changes nothing.
 */
export async function applyJudge(
  sentences: readonly SentenceVerdict[],
  evidenceFor: (s: SentenceVerdict) => string[],
  model: JudgeModel,
): Promise<SentenceVerdict[]> {
  return Promise.all(
    sentences.map(async (s) => {
      if (!s.factual || !s.supported) return s;
      const reply = await model.invoke(judgePrompt(s.text, evidenceFor(s)));
      if (parseJudgeReply(reply.content) !== false) return s;
      const message = 'the judge model found the claim not supported by the sources';
      return {
        ...s,
        supported: false,
        score: Math.min(s.score, 0.25),
        reasons: [...s.reasons, message],
        findings: [...s.findings, { kind: 'judge' as const, message }],
      };
    }),
  );
}
