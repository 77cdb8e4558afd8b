/** A citation marker found in text. */
export interface Citation {
  /** The number inside the brackets. */
  n: number;
  start: number;
  end: number;
  /** True when 1 <= n <= the number of available sources. */
  valid: boolean;
}

/** One bracketed marker as written, with every source number it names. */
export interface CitationMarker {
  start: number;
  end: number;
  /** In the order written; a range such as [1-3] is expanded. */
  numbers: number[];
}

// [1], [2, 3], [2; 3], [1-3], and the full-width 【1】 some models write; not [a] or [2024-01-01].
// [1][2] is two markers.
const LIST = String.raw`\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*`;
const MARKER = new RegExp(String.raw`\[(${LIST})\]|【(${LIST})】`, 'g');

/**
 * Finds citation markers and the source numbers each names. This is the one citation parser:
 * the grounding check and the copilot's citation resolution both read markers through it.
 * @example findCitationMarkers('5 days [1, 2].') // [{ start: 7, end: 13, numbers: [1, 2] }]
 */
export function findCitationMarkers(text: string): CitationMarker[] {
  return [...text.matchAll(MARKER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    numbers: expand(m[1] ?? m[2] ?? ''),
  }));
}

/**
 * Finds [n] citation markers and checks each against the number of sources.
 * @example parseCitations('Refunds take 5 days [1][3].', 2) // n=1 valid, n=3 invalid
 */
export function parseCitations(text: string, sourceCount: number): Citation[] {
  return findCitationMarkers(text).flatMap(({ start, end, numbers }) =>
    numbers.map((n) => ({ n, start, end, valid: n >= 1 && n <= sourceCount })),
  );
}

/** Removes citation markers, leaving the prose. */
export function stripCitations(text: string): string {
  return text.replace(MARKER, '').replace(/\s+([.,;:!?])/g, '$1');
}

function expand(inner: string): number[] {
  const out: number[] = [];
  for (const part of inner.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range === null) {
      out.push(Number(part));
      continue;
    }
    const [from, to] = [Number(range[1]), Number(range[2])];
    // A range like [1-3] is a citation; [1-300] is not plausibly one, keep its ends only.
    if (to >= from && to - from <= 10) for (let n = from; n <= to; n++) out.push(n);
    else out.push(from, to);
  }
  return out;
}
