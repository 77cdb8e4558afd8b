import { checkGrounding, summarise } from './check.js';
import { parseCitations } from './citations.js';
import { sourceText } from './evidence.js';
import { applyJudge } from './judge.js';
import { DEFAULT_GROUNDING_MODEL } from './model.js';
import { applySemantic } from './semantic.js';
import type { AsyncGroundingOptions, GroundingReport, GroundingSource, SentenceVerdict } from './types.js';

/**
 * The deterministic check, then (when given) embedding similarity to rescue paraphrases that were
 * only not found, then (when given) an LLM judge asked only about sentences in the uncertain band
 * around the threshold, so most answers cost nothing extra.
 * @example await checkGroundingAsync(answer, sources, { embed: (texts) => embedder.embed(texts), judge: chatModel })
 */
export async function checkGroundingAsync(
  answer: string,
  sources: readonly GroundingSource[],
  options: AsyncGroundingOptions = {},
): Promise<GroundingReport> {
  const model = options.model ?? DEFAULT_GROUNDING_MODEL;
  const threshold = options.threshold ?? model.threshold;
  const texts = sources.map(sourceText);
  const evidenceFor = (s: SentenceVerdict): string[] => {
    const cited = parseCitations(s.text, texts.length)
      .filter((c) => c.valid)
      .map((c) => texts[c.n - 1] ?? '');
    return cited.length > 0 ? cited : texts;
  };
  let sentences = checkGrounding(answer, sources, options).sentences;
  if (options.embed !== undefined) {
    sentences = await applySemantic(sentences, evidenceFor, options.embed, options.semanticThreshold ?? 0.8);
  }
  if (options.judge === undefined) return summarise(sentences, model, threshold);
  const judged = await applyJudge(sentences, evidenceFor, options.judge, {
    threshold,
    band: options.judgeBand ?? 0.2,
  });
  return { ...summarise(judged.sentences, model, threshold), judge: judged.usage };
}
