/** A citation marker found in text. */
export interface Citation {
  /** The number inside the brackets. */
  n: number;
  start: number;
  end: number;
  /** True when 1 <= n <= the number of available sources. */
  valid: boolean;
}

// [1], [2, 3], [1][2], [1-3]; not [a] or [2024-01-01].
const MARKER = /\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]/g;

/**
 * Finds [n] citation markers and checks each against the number of sources.
 * @example parseCitations('Refunds take 5 days [1][3].', 2) // n=1 valid, n=3 invalid
 */
export function parseCitations(text: string, sourceCount: number): Citation[] {
  const out: Citation[] = [];
  for (const m of text.matchAll(MARKER)) {
    for (const n of expand(m[1] ?? '')) {
      out.push({ n, start: m.index, end: m.index + m[0].length, valid: n >= 1 && n <= sourceCount });
    }
  }
  return out;
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
