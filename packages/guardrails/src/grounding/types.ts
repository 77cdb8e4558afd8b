import type { GroundingModel } from './model.js';

/** A source the answer may cite as [n], numbered from 1 in the order given. */
export type GroundingSource = string | { text: string; title?: string; id?: string };

/** Why a sentence is not (fully) supported. */
export type FindingKind =
  | 'number'
  | 'contact'
  | 'entity'
  | 'negation'
  | 'no-support'
  | 'no-citation'
  | 'bad-citation'
  | 'judge';

/**
 * How strong a finding is: a contradiction (the sources state this number, entity, contact or
 * polarity differently) is strong evidence; not-found (the sources do not say it) is weaker.
 */
export type FindingStrength = 'contradiction' | 'not-found';

/** One problem found in a sentence, with a message a person can read. */
export interface Finding {
  kind: FindingKind;
  strength: FindingStrength;
  message: string;
}

/** The verdict for one sentence of the answer. */
export interface SentenceVerdict {
  text: string;
  /** UTF-16 offsets of the sentence in the answer, citation markers included. */
  start: number;
  end: number;
  /** Source numbers the sentence cites, as written ([2] -> 2), valid or not. */
  citations: number[];
  /** False for greetings and pleasantries, which are never flagged. */
  factual: boolean;
  supported: boolean;
  /** The probability (0..1) that the sources support the sentence, from the fitted model. */
  score: number;
  /** Why an unsupported sentence is: the sources contradict it, or they do not say it; null when supported. */
  problem: FindingStrength | null;
  /** For unsupported sentences, each problem prefixed with "contradiction:" or "not found:". */
  reasons: string[];
  findings: Finding[];
}

/** The answer-level verdict. */
export type GroundingVerdict = 'supported' | 'partially_supported' | 'unsupported' | 'no_claims';

/** The result of a grounding check. */
export interface GroundingReport {
  verdict: GroundingVerdict;
  /**
   * The answer as a whole: no sentence contradicted, and `score` no lower than a one-sentence answer
   * at the threshold would get. Sentences keep their own flags, so a long answer can be
   * supported: true with verdict 'partially_supported'.
   */
  supported: boolean;
  /**
   * How ordinary the weakest sentence is for a faithful answer of this length (Šidák-corrected share
   * of faithful sentences scoring lower), 0..1; 1 when there are no claims.
   */
  score: number;
  sentences: SentenceVerdict[];
  /** What the LLM judge cost, when one ran (checkGroundingAsync). */
  judge?: JudgeUsage;
}

/** Calls, tokens and sentences of the optional LLM judge. */
export interface JudgeUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** Options for the deterministic check. */
export interface GroundingOptions {
  /** Flag factual sentences without a [n] marker (default false: they are checked against all sources). */
  requireCitations?: boolean;
  /** Sentences whose probability is below this are unsupported; default the model's threshold. */
  threshold?: number;
  /** A refit model (parseGroundingModel of a `pnpm eval grounding --fit` file); default the shipped one. */
  model?: GroundingModel;
  /** The question the answer replies to: a sentence that only restates it is not a claim about the sources. */
  question?: string;
}

/** Returns one vector per text; the caller's embedder (guardrails does no I/O). */
export type EmbedFunction = (texts: string[]) => Promise<number[][]>;

/** The slice of @langchain/core's BaseChatModel the judge needs: `invoke` with a prompt. */
export interface JudgeModel {
  invoke(
    input: string,
  ): Promise<{ content: unknown; usage_metadata?: { input_tokens?: number; output_tokens?: number } }>;
}

/** Options for the async check: an optional embed function and an optional judge model. */
export interface AsyncGroundingOptions extends GroundingOptions {
  embed?: EmbedFunction;
  /** Cosine similarity at which a sentence without lexical support counts as paraphrased; default 0.8. */
  semanticThreshold?: number;
  judge?: JudgeModel;
  /** The judge is asked only about sentences whose probability is within this of the threshold; default 0.2. */
  judgeBand?: number;
}
