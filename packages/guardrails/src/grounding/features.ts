import { charGramCoverage } from './char-grams.js';
import { entities, entityAppears, missingContacts, negationFlip } from './claims.js';
import { alignClaim, bigramsOf, type PreparedSource, trigramsOf } from './evidence.js';
import type { FeatureName } from './feature-names.js';
import { derivedQuantities, missingQuantities, type Quantity, quantities } from './quantities.js';
import { absoluteMismatch, agreeingSources, meanSourceCoverage, negationMismatch } from './support-cues.js';
import { contentTokens, words } from './tokens.js';
import type { Finding } from './types.js';

/** Where the sentence sits in the answer, and the question it answers (when known). */
export interface SentenceContext {
  index: number;
  count: number;
  questionTokens: ReadonlySet<string>;
  /** The asker's own figures ("three colleagues"), which an answer may count with. */
  questionQuantities?: readonly Quantity[];
  /** The figures of every retrieved source, cited or not. */
  sourceQuantities?: readonly Quantity[];
  /** The question and every source, cited or not: where a name not in the cited sources may still come from. */
  elsewhere?: string;
  /** "source [1]", "the sources": how reasons name the evidence. */
  where: string;
}

/** A sentence's features and the specific problems found while computing them. */
export interface SentenceEvidence {
  features: Record<FeatureName, number>;
  findings: Finding[];
}

// Share of the claim's words the best window must hold before an entity it lacks counts as a contradiction.
const ENTITY_CONTEXT = 0.35;
const HEDGE =
  /\b(?:i think|i believe|i guess|i suppose|i feel|maybe|perhaps|probably|possibly|might|not sure|i don't know|it seems|apparently|in my opinion|i would say|i'd say)\b/i;
const FIRST_PERSON = /(?:^|[^\p{L}'])(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)(?![\p{L}'])/iu;
const GREETING = /^\W*(?:hi|hello|hey|dear|thanks|thank you|good (?:morning|afternoon|evening))\b/i;

/** Computes the features of one claim (citations, placeholders and particles already removed). */
export function sentenceEvidence(
  claim: string,
  evidence: readonly PreparedSource[],
  context: SentenceContext,
): SentenceEvidence {
  const tokens = contentTokens(claim);
  const unique = [...new Set(tokens)];
  const findings: Finding[] = [];
  const { weights, window, bestSentence } = alignClaim(unique, evidence);
  const inEvidence = unique.map((t) => evidence.some((e) => e.tokens.has(t)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const found = inEvidence.filter(Boolean).length;
  const weightedFound = weights.reduce((a, w, k) => a + (inEvidence[k] ? w : 0), 0);
  const pairs = bigramsOf(tokens);
  const windowTokens = contentTokens(window?.sentences.map((s) => s.text).join(' ') ?? '');
  const windowPairs = new Set(bigramsOf(windowTokens));
  const triples = trigramsOf(words(claim));

  const claimQuantities = quantities(claim);
  const evidenceQuantities = evidence.flatMap((e) => e.quantities);
  const asked = context.questionQuantities ?? [];
  // The asker's figures are no evidence ("Did Arsenal win in 1989?"), but they may be what an answer counts with.
  const unstated = missingQuantities(claimQuantities, evidenceQuantities);
  const retrieved = context.sourceQuantities ?? evidenceQuantities;
  const yearly = /\b(?:a|per|each|every|over a|the|this|next)[ \t]+year\b|\b(?:annual|annually|yearly)\b/i.test(claim);
  const derived = derivedQuantities(claimQuantities, unstated, retrieved, asked, yearly);
  // "£5.20 a month, or £62.40 over a year": the year is what the figure was multiplied by, not a claim of its own.
  const multipliedByYear = yearly && derived.size > 0;
  const missing = unstated.filter((q) => !derived.has(q) && !(multipliedByYear && q.raw === 'a year'));
  const windowQuantities = window?.sentences.flatMap((s) => s.quantities) ?? [];
  // A figure the asker gave ("while he's 16") or another retrieved source states is not found here, but it
  // contradicts nothing.
  const untold = new Set(missing.length === 0 ? [] : missingQuantities(missing, [...asked, ...retrieved]));
  let quantityContradiction = 0;
  for (const q of missing) {
    const rival = untold.has(q)
      ? windowQuantities.find((w) => kindOf(w) === kindOf(q) && !w.inName === !q.inName)
      : undefined;
    if (rival !== undefined) {
      quantityContradiction = 1;
      findings.push({
        kind: 'number',
        strength: 'contradiction',
        message: `${q.raw} differs from ${context.where}, which says ${rival.raw}`,
      });
    } else {
      findings.push({ kind: 'number', strength: 'not-found', message: `${q.raw} does not appear in ${context.where}` });
    }
  }
  const evidenceText = evidence.map((e) => e.text).join('\n');
  const contacts = missingContacts(claim, evidenceText);
  for (const c of contacts) {
    findings.push({ kind: 'contact', strength: 'contradiction', message: `${c} does not appear in ${context.where}` });
  }
  const named = entities(claim);
  const lower = evidence.map((e) => e.lower).join('\n');
  const missingEntities = named.filter((e) => !entityAppears(e, lower, evidenceText));
  // The claim names something else while the rest of it matches a passage: the sources say otherwise.
  const elsewhere = context.elsewhere ?? '';
  const elsewhereLower = missingEntities.length > 0 ? elsewhere.toLowerCase() : '';
  const unexplained = missingEntities.filter((e) => !entityAppears(e, elsewhereLower, elsewhere));
  const entityContradiction = unexplained.length > 0 && (window?.coverage ?? 0) >= ENTITY_CONTEXT ? 1 : 0;
  for (const e of missingEntities) {
    findings.push({
      kind: 'entity',
      strength: entityContradiction === 1 && unexplained.includes(e) ? 'contradiction' : 'not-found',
      message: `'${e}' is not in ${context.where}`,
    });
  }
  const flip =
    window === null
      ? null
      : negationFlip(
          claim,
          window.sentences.map((s) => s.text),
          window.coverage,
          () =>
            evidence
              .flatMap((e) => e.sentences)
              .filter((s) => !window.sentences.includes(s))
              .map((s) => s.text),
        );
  if (flip !== null) {
    findings.push({
      kind: 'negation',
      strength: 'contradiction',
      message: `negation differs from source [${window?.source ?? '?'}]`,
    });
  }
  const claimWords = words(claim);
  const longWords = claimWords.filter((w) => w.length > 3 && !/\d/.test(w));
  const windowText = window?.sentences.map((s) => s.text).join(' ') ?? '';
  const windowWords = words(windowText);
  // Words the question already has: retrieval found passages about the question, so they prove little.
  let novelSum = 0;
  let novelFound = 0;
  let maxMissing = 0;
  unique.forEach((t, k) => {
    const w = weights[k] ?? 0;
    if (!inEvidence[k]) maxMissing = Math.max(maxMissing, w);
    if (context.questionTokens.has(t)) return;
    novelSum += w;
    if (inEvidence[k]) novelFound += w;
  });
  let questionFound = 0;
  for (const t of context.questionTokens) if (evidence.some((e) => e.tokens.has(t))) questionFound++;
  const totalSentences = evidence.reduce((n, e) => n + e.sentences.length, 0);
  const namedInWindow = named.filter((e) => entityAppears(e, windowText.toLowerCase(), windowText)).length;
  const echoed = unique.filter((t, k) => !inEvidence[k] && context.questionTokens.has(t)).length;

  const features: Record<FeatureName, number> = {
    coverage: unique.length === 0 ? 1 : found / unique.length,
    weightedCoverage: weightSum === 0 ? 1 : weightedFound / weightSum,
    windowCoverage: window?.coverage ?? 0,
    windowWeightedCoverage: window?.weightedCoverage ?? 0,
    // Noisy retrieval: one passage that says it all beats five that each say a bit.
    bestSourceCoverage: Math.max(
      0,
      ...evidence.map((e) =>
        weightSum === 0 ? 1 : weights.reduce((a, w, k) => a + (e.tokens.has(unique[k] ?? '') ? w : 0), 0) / weightSum,
      ),
    ),
    bigramCoverage: share(pairs, (p) => evidence.some((e) => e.bigrams.has(p)), 1),
    windowBigramCoverage: share(pairs, (p) => windowPairs.has(p), 1),
    trigramCoverage: share(triples, (t) => evidence.some((e) => e.trigrams.has(t)), 1),
    missingQuantityShare: claimQuantities.length === 0 ? 0 : missing.length / claimQuantities.length,
    quantityContradiction,
    missingEntityShare: named.length === 0 ? 0 : missingEntities.length / named.length,
    entityContradiction,
    negationFlip: flip === null ? 0 : 1,
    missingContact: contacts.length > 0 ? 1 : 0,
    logLength: Math.log1p(unique.length),
    logMissing: Math.log1p(unique.length - found),
    // Hinges: below half coverage, support falls faster than a straight line says.
    lowCoverage: Math.max(0, 0.5 - (weightSum === 0 ? 1 : weightedFound / weightSum)),
    lowWindowCoverage: Math.max(0, 0.5 - (window?.weightedCoverage ?? 0)),
    hedge: HEDGE.test(claim) ? 1 : 0,
    firstPerson: FIRST_PERSON.test(claim) ? 1 : 0,
    greeting: GREETING.test(claim) ? 1 : 0,
    question: /\?\s*$/.test(claim) ? 1 : 0,
    questionEcho: unique.length === 0 ? 0 : echoed / unique.length,
    novelCoverage: novelSum === 0 ? 1 : novelFound / novelSum,
    bestSentenceCoverage: bestSentence,
    charGramCoverage: charGramCoverage(longWords, ` ${windowWords.join(' ')} `),
    maxMissingRarity: maxMissing / (Math.log(totalSentences + 1) + 1),
    absoluteMismatch: absoluteMismatch(claimWords, windowWords),
    negationMismatch: negationMismatch(claimWords, windowWords),
    meanSourceCoverage: meanSourceCoverage(unique, weights, evidence),
    windowEntityCoverage: named.length === 0 ? 1 : namedInWindow / named.length,
    logEvidenceSentences: Math.log1p(totalSentences),
    // A question the sources barely mention is about something retrieval could not find.
    questionCoverage: context.questionTokens.size === 0 ? 1 : questionFound / context.questionTokens.size,
    charGramSourceCoverage: Math.max(0, ...evidence.map((e) => charGramCoverage(longWords, e.joinedWords))),
    agreeingSources: Math.log1p(agreeingSources(unique, weights, evidence)),
    claimInQuestion:
      unique.length === 0 ? 0 : unique.filter((t) => context.questionTokens.has(t)).length / unique.length,
  };
  return { features, findings };
}

function share<T>(items: readonly T[], has: (item: T) => boolean, empty: number): number {
  if (items.length === 0) return empty;
  let n = 0;
  for (const item of items) if (has(item)) n++;
  return n / items.length;
}

// Quantities of the same kind can contradict each other: two durations, two dates, two amounts in
// the same currency, two bare numbers.
function kindOf(q: Quantity): string {
  // Months and years have no fixed length in seconds, but "a month" still differs from "7 days".
  if (q.key.startsWith('dur:') || / (?:mo|y)$/.test(q.key)) return 'duration';
  if (q.key.startsWith('date:')) return 'date';
  const space = q.key.indexOf(' ');
  return space === -1 ? (q.value.split('.').length > 2 ? 'version' : 'number') : q.key.slice(space + 1);
}
