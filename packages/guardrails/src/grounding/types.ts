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

/** One problem found in a sentence, with a message a person can read. */
export interface Finding {
  kind: FindingKind;
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
  /** 0 (no support) to 1 (fully supported). */
  score: number;
  reasons: string[];
  findings: Finding[];
}

/** The answer-level verdict. */
export type GroundingVerdict = 'supported' | 'partially_supported' | 'unsupported' | 'no_claims';

/** The result of a grounding check. */
export interface GroundingReport {
  verdict: GroundingVerdict;
  /** True when every factual sentence is supported (or there are none). */
  supported: boolean;
  /** The weakest factual sentence's score; 1 when there are no claims. */
  score: number;
  sentences: SentenceVerdict[];
}

/** Options for the deterministic check. */
export interface GroundingOptions {
  /** Flag factual sentences without a [n] marker (default false: they are checked against all sources). */
  requireCitations?: boolean;
  /** Sentences scoring below this are unsupported; default SUPPORT_THRESHOLD. */
  threshold?: number;
}

/** Returns one vector per text; the caller's embedder (guardrails does no I/O). */
export type EmbedFunction = (texts: string[]) => Promise<number[][]>;

/** The slice of @langchain/core's BaseChatModel the judge needs: `invoke` with a prompt. */
export interface JudgeModel {
  invoke(input: string): Promise<{ content: unknown }>;
}

/** Options for the async check: an optional embed function and an optional judge model. */
export interface AsyncGroundingOptions extends GroundingOptions {
  embed?: EmbedFunction;
  /** Cosine similarity at which a sentence without lexical support counts as paraphrased; default 0.8. */
  semanticThreshold?: number;
  judge?: JudgeModel;
}
