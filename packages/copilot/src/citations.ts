import { findCitationMarkers } from '@support/guardrails';
import type { AnswerCitation } from './answer-types.js';

/**
 * Keeps the citations that point at a source the model was given and removes the rest, reading
 * markers with guardrails' parser ([1], [1, 2], [1][2], [1-3], 【1】). A kept marker is rewritten
 * as one `[n]` per source (`[1, 2]` becomes `[1][2]`), the one form the doors render; a marker
 * citing nothing given is removed with the space before it. Returns the sources actually cited,
 * in order of first use.
 */
export function resolveCitations(
  text: string,
  sources: AnswerCitation[],
): { text: string; citations: AnswerCitation[] } {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const used = new Map<number, AnswerCitation>();
  let cleaned = '';
  let from = 0;
  for (const marker of findCitationMarkers(text)) {
    const kept = [...new Set(marker.numbers)].flatMap((n) => byNumber.get(n) ?? []);
    for (const source of kept) if (!used.has(source.n)) used.set(source.n, source);
    const before = text.slice(from, marker.start);
    cleaned += kept.length === 0 ? before.trimEnd() : before + kept.map((s) => `[${s.n}]`).join('');
    from = marker.end;
  }
  return { text: cleaned + text.slice(from), citations: [...used.values()] };
}
