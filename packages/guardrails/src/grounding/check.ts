import { parseCitations } from './citations.js';
import { entities, entityAppears, missingContacts, negationFlip } from './claims.js';
import { lexicalSupport, type PreparedSource, prepareSource } from './evidence.js';
import { missingQuantities, quantities } from './quantities.js';
import { isPleasantry, type Sentence, splitSentences, stripDiscourse } from './sentences.js';
import { FINDING_PENALTY, SUPPORT_THRESHOLD, UNIGRAM_WEIGHT } from './thresholds.js';
import { contentTokens } from './tokens.js';
import type { Finding, GroundingOptions, GroundingReport, GroundingSource, SentenceVerdict } from './types.js';

/**
 * Checks each sentence of `answer` against the sources it cites (all sources when it cites none).
 * Deterministic and synchronous; see checkGroundingAsync for embeddings and an LLM judge.
 * @example checkGrounding('Refunds take 7 days [1].', ['Refunds take 5 business days.']).sentences[0]?.reasons
 * // ['7 days does not appear in source [1]', ...]
 */
export function checkGrounding(
  answer: string,
  sources: readonly GroundingSource[],
  options: GroundingOptions = {},
): GroundingReport {
  const prepared = sources.map(prepareSource);
  return summarise(splitSentences(answer).map((s) => checkSentence(s, prepared, options)));
}

/** Builds the answer-level verdict from sentence verdicts (also used after async checks add findings). */
export function summarise(sentences: SentenceVerdict[]): GroundingReport {
  const factual = sentences.filter((s) => s.factual);
  if (factual.length === 0) return { verdict: 'no_claims', supported: true, score: 1, sentences };
  const supportedCount = factual.filter((s) => s.supported).length;
  const score = Math.min(...factual.map((s) => s.score));
  const verdict =
    supportedCount === factual.length ? 'supported' : supportedCount === 0 ? 'unsupported' : 'partially_supported';
  return { verdict, supported: verdict === 'supported', score, sentences };
}

const PLACEHOLDER = /<[A-Z][A-Z_]*_\d+>/g;

function checkSentence(
  sentence: Sentence,
  sources: readonly PreparedSource[],
  options: GroundingOptions,
): SentenceVerdict {
  const citations = parseCitations(sentence.text, sources.length);
  const base = { text: sentence.text, start: sentence.start, end: sentence.end, citations: citations.map((c) => c.n) };
  // A redaction placeholder (<EMAIL_1>) stands for the asker's own data, not for a claim a source
  // must support: it is left out of the claim like a citation marker.
  const claim = stripDiscourse(sentence.text.replace(/\[\d[^\]]*\]/g, ' ').replace(PLACEHOLDER, ' '));
  const claimTokens = contentTokens(claim);
  if (isPleasantry(sentence.text) || claimTokens.length === 0) {
    return { ...base, factual: false, supported: true, score: 1, reasons: [], findings: [] };
  }
  const findings: Finding[] = [];
  for (const c of citations.filter((c) => !c.valid)) {
    findings.push({ kind: 'bad-citation', message: `cites [${c.n}], which does not exist` });
  }
  const cited = sources.filter((s) => citations.some((c) => c.valid && c.n === s.n));
  if (citations.length === 0 && options.requireCitations === true && sources.length > 0) {
    findings.push({ kind: 'no-citation', message: 'no citation' });
  }
  const evidence = cited.length > 0 ? cited : sources;
  const where = describe(cited, sources.length);
  findings.push(...contentFindings(claim, evidence, where));
  const hard = findings.filter((f) => f.kind !== 'no-citation').length;
  const lexical = evidence.length === 0 ? 0 : lexicalSupport(claimTokens, evidence, UNIGRAM_WEIGHT);
  const score = lexical * FINDING_PENALTY ** hard;
  const threshold = options.threshold ?? SUPPORT_THRESHOLD;
  if (lexical < threshold) {
    findings.push({
      kind: 'no-support',
      message: `no support in ${where} (${Math.round(lexical * 100)}% of its content words match)`,
    });
  }
  return {
    ...base,
    factual: true,
    supported: findings.length === 0,
    score,
    reasons: findings.map((f) => f.message),
    findings,
  };
}

function contentFindings(text: string, evidence: readonly PreparedSource[], where: string): Finding[] {
  const findings: Finding[] = [];
  const evidenceText = evidence.map((e) => e.text).join('\n');
  const lower = evidence.map((e) => e.lower).join('\n');
  for (const q of missingQuantities(
    quantities(text),
    evidence.flatMap((e) => e.quantities),
  )) {
    findings.push({ kind: 'number', message: `${q.raw} does not appear in ${where}` });
  }
  for (const c of missingContacts(text, evidenceText))
    findings.push({ kind: 'contact', message: `${c} does not appear in ${where}` });
  for (const e of entities(text)) {
    if (!entityAppears(e, lower)) findings.push({ kind: 'entity', message: `'${e}' is not in ${where}` });
  }
  const sentences = evidence.flatMap((e) => e.sentences.map((s) => ({ n: e.n, s })));
  const flip = negationFlip(
    text,
    sentences.map((x) => x.s),
  );
  if (flip !== null)
    findings.push({ kind: 'negation', message: `negation differs from source [${sentences[flip]?.n ?? '?'}]` });
  return findings;
}

function describe(cited: readonly PreparedSource[], total: number): string {
  if (cited.length === 1) return `source [${cited[0]?.n}]`;
  if (cited.length > 1) return 'the cited sources';
  return total === 1 ? 'the source' : 'the sources';
}
