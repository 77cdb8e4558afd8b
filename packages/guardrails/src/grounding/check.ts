import { parseCitations } from './citations.js';
import { type PreparedSource, prepareSource } from './evidence.js';
import type { FeatureName } from './feature-names.js';
import { sentenceEvidence } from './features.js';
import { DEFAULT_GROUNDING_MODEL, faithfulShareBelow, type GroundingModel, supportProbability } from './model.js';
import { quantities } from './quantities.js';
import { isPleasantry, type Sentence, splitSentences, stripDiscourse } from './sentences.js';
import { contentTokens } from './tokens.js';
import type { Finding, GroundingOptions, GroundingReport, GroundingSource, SentenceVerdict } from './types.js';

/**
 * Checks each sentence of `answer` against the sources it cites (all sources when it cites none).
 * Deterministic and synchronous; see checkGroundingAsync for embeddings and an LLM judge.
 * @example checkGrounding('Refunds take 7 days [1].', ['Refunds take 5 business days.']).sentences[0]?.reasons
 * // ['contradiction: 7 days differs from source [1], which says 5 business days', ...]
 */
export function checkGrounding(
  answer: string,
  sources: readonly GroundingSource[],
  options: GroundingOptions = {},
): GroundingReport {
  const model = options.model ?? DEFAULT_GROUNDING_MODEL;
  const threshold = options.threshold ?? model.threshold;
  const sentences = analyseAnswer(answer, sources, options).map((s) => {
    if (s.features === null)
      return { ...s.base, factual: false, supported: true, score: 1, problem: null, reasons: [], findings: [] };
    return decide(s.base, supportProbability(model, s.features), s.findings, threshold, s.where);
  });
  return summarise(sentences, model, threshold);
}

/** A sentence with its features (null when it makes no claim) and findings, before the model scores it. */
export interface AnalysedSentence {
  base: Pick<SentenceVerdict, 'text' | 'start' | 'end' | 'citations'>;
  features: Record<FeatureName, number> | null;
  findings: Finding[];
  where: string;
}

const PLACEHOLDER = /<[A-Z][A-Z_]*_\d+>/g;

/** Splits the answer and computes each factual sentence's features; the fitting script uses this too. */
export function analyseAnswer(
  answer: string,
  sources: readonly GroundingSource[],
  options: Pick<GroundingOptions, 'requireCitations' | 'question'> = {},
): AnalysedSentence[] {
  const prepared = sources.map(prepareSource);
  const questionTokens = new Set(contentTokens(options.question ?? ''));
  const questionQuantities = quantities(options.question ?? '');
  const sourceQuantities = prepared.flatMap((p) => p.quantities);
  // Names the asker used or another retrieved source gives: restating them contradicts nothing.
  const elsewhere = [options.question ?? '', ...prepared.map((p) => p.text)].join('\n');
  const split = splitSentences(answer);
  const claims = split.map((sentence) => claimOf(sentence));
  const count = claims.filter((c) => c !== null).length;
  let index = 0;
  return split.map((sentence, i) => {
    const citations = parseCitations(sentence.text, prepared.length);
    const base = {
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      citations: citations.map((c) => c.n),
    };
    const claim = claims[i];
    if (claim === null || claim === undefined) return { base, features: null, findings: [], where: '' };
    const findings: Finding[] = [];
    for (const c of citations.filter((c) => !c.valid)) {
      findings.push({ kind: 'bad-citation', strength: 'not-found', message: `cites [${c.n}], which does not exist` });
    }
    if (citations.length === 0 && options.requireCitations === true && prepared.length > 0) {
      findings.push({ kind: 'no-citation', strength: 'not-found', message: 'no citation' });
    }
    const cited = prepared.filter((s) => citations.some((c) => c.valid && c.n === s.n));
    const evidence = cited.length > 0 ? cited : prepared;
    const where = describe(cited, prepared.length);
    const analysed = sentenceEvidence(claim, evidence, {
      index: index++,
      count,
      questionTokens,
      questionQuantities,
      sourceQuantities,
      where,
      elsewhere,
    });
    return { base, features: analysed.features, findings: [...findings, ...analysed.findings], where };
  });
}

// A redaction placeholder (<EMAIL_1>) stands for the asker's own data, not for a claim a source must
// support: it is left out of the claim like a citation marker. Null for sentences that claim nothing.
function claimOf(sentence: Sentence): string | null {
  if (isPleasantry(sentence.text)) return null;
  const claim = stripDiscourse(sentence.text.replace(/\[\d[^\]]*\]/g, ' ').replace(PLACEHOLDER, ' '));
  return contentTokens(claim).length === 0 ? null : claim;
}

/** Turns a probability and findings into a sentence verdict: contradictions and bad citations always flag. */
function decide(
  base: AnalysedSentence['base'],
  probability: number,
  findings: Finding[],
  threshold: number,
  where: string,
): SentenceVerdict {
  const hard = findings.filter(
    (f) => f.strength === 'contradiction' || f.kind === 'bad-citation' || f.kind === 'no-citation',
  );
  const all = [...findings];
  if (probability < threshold) {
    all.push({
      kind: 'no-support',
      strength: 'not-found',
      message: `no support in ${where} (probability ${probability.toFixed(2)})`,
    });
  }
  const supported = hard.length === 0 && probability >= threshold;
  const contradicted = all.some((f) => f.strength === 'contradiction');
  return {
    ...base,
    factual: true,
    supported,
    // A contradicted sentence cannot score above the threshold, so the answer score sees it.
    score: contradicted ? Math.min(probability, threshold * 0.5) : probability,
    problem: supported ? null : contradicted ? 'contradiction' : 'not-found',
    reasons: supported
      ? []
      : all.map((f) => `${f.strength === 'contradiction' ? 'contradiction' : 'not found'}: ${f.message}`),
    findings: supported ? [] : all,
  };
}

/**
 * Builds the answer-level verdict from sentence verdicts (also after async checks change them).
 * The answer's score is the chance that a faithful answer with this many sentences would have one
 * as weak as its weakest (a Šidák correction of the weakest sentence's faithful-share), so adding
 * faithful sentences does not make a faithful answer more likely to be flagged. A contradicted
 * sentence always makes the answer unsupported.
 */
export function summarise(sentences: SentenceVerdict[], model: GroundingModel, threshold: number): GroundingReport {
  const factual = sentences.filter((s) => s.factual);
  if (factual.length === 0) return { verdict: 'no_claims', supported: true, score: 1, sentences };
  const supportedCount = factual.filter((s) => s.supported).length;
  const weakest = Math.min(...factual.map((s) => s.score));
  const score = 1 - (1 - faithfulShareBelow(model, weakest)) ** factual.length;
  // A contradiction or a citation that points nowhere flags the answer whatever the other sentences say.
  const contradicted = factual.some(
    (s) =>
      s.problem === 'contradiction' || s.findings.some((f) => f.kind === 'bad-citation' || f.kind === 'no-citation'),
  );
  const verdict =
    supportedCount === factual.length ? 'supported' : supportedCount === 0 ? 'unsupported' : 'partially_supported';
  return {
    verdict,
    supported: !contradicted && score >= faithfulShareBelow(model, threshold),
    score,
    sentences,
  };
}

function describe(cited: readonly PreparedSource[], total: number): string {
  if (cited.length === 1) return `source [${cited[0]?.n}]`;
  if (cited.length > 1) return 'the cited sources';
  return total === 1 ? 'the source' : 'the sources';
}
