/** Scores each answer sentence against its cited sources with a fitted model; flags contradictions and unsupported claims. */
export { checkGrounding } from './grounding/check.js';
/** The deterministic check plus optional embedding similarity (caller's embed function) and LLM judge. */
export { checkGroundingAsync } from './grounding/check-async.js';
export type { Citation, CitationMarker } from './grounding/citations.js';
/** The one citation parser: [1], [1, 2], [1][2], [1-3], 【1】; markers as written, or validated against the sources. */
export { findCitationMarkers, parseCitations } from './grounding/citations.js';
export type { GroundingModel } from './grounding/model.js';
/** The shipped sentence model (weights.json), and parseGroundingModel to check one `pnpm eval grounding --fit` wrote. */
export { DEFAULT_GROUNDING_MODEL, parseGroundingModel } from './grounding/model.js';
export type {
  AsyncGroundingOptions,
  EmbedFunction,
  Finding,
  FindingKind,
  FindingStrength,
  GroundingOptions,
  GroundingReport,
  GroundingSource,
  GroundingVerdict,
  JudgeModel,
  JudgeUsage,
  SentenceVerdict,
} from './grounding/types.js';
/** Finds PII spans (type, UTF-16 offsets, value, score, detector) with overlaps resolved. */
export { detect } from './pii/detect.js';
export type { PiiMapping, RedactMode, RedactOptions, RedactResult } from './pii/redact.js';
/** Replaces PII with numbered placeholders (or masks, hashes, removes it) and returns the mapping. */
export { redact } from './pii/redact.js';
/** Puts original values back for <TYPE_n> placeholders, also when a model reformats them. */
export { restore } from './pii/restore.js';
export type { BuiltinPiiType, CustomRecognizer, DenyList, DetectOptions, PiiSpan, PiiType } from './pii/types.js';
/** The built-in PII entity types, in detection order. */
export { PII_TYPES } from './pii/types.js';
