import type { PiiSpan, Recognizer } from './types.js';

// Keywords match in any case, but the patterns themselves stay case-sensitive: with the i flag,
// \p{Lu} would match lower-case letters and "3 days for 2" would look like "3 Days For 2".
function ci(words: string): string {
  return words.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

const SUFFIX = ci(
  'street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|crescent|close|parkway|pkwy|highway|hwy|circle|cir|trail|row|mews|alley|plaza|parks?|green|gardens|walk|hill|heights|fort|union|forges|streets|squares|str',
);
const NUM = String.raw`\d{1,6}[A-Za-z]?`;
const CAP = String.raw`[\p{Lu}\d][\p{L}\d'’.-]*`;
// "1668 Glyn St", "14 Crown Street Kishiev Squares", "370 3911 Fourth Avenue".
const SUFFIXED = String.raw`${NUM}(?:[ \t]+${NUM})?(?:[ \t]+${CAP}){1,4}?[ \t]+(?:${SUFFIX})\b\.?(?:[ \t]+(?:${CAP}[ \t]+)?(?:${SUFFIX})\b\.?)?`;
// "Rue Gafsa 62", "Via Franscini 71", "Rua do Arenque 1634".
const PREFIXED = String.raw`(?:${NUM}[ \t]+)?${ci(String.raw`(?:rue|via|viale|calle|avenida|av\.|rua|carrer|strada|piazza|plaza|avenue|boulevard|chemin|route|ulica|ul\.|str\.)`)}[ \t]+(?:[\p{L}'’.-]+[ \t]+){1,4}?${NUM}\b`;
// "Harjukuja 54", "Brucker Bundesstrasse 31", "Hammarvägen 15", "Erzsébet tér 19."
const EURO = String.raw`(?:${NUM}[ \t]+)?(?:[\p{Lu}][\p{L}'’-]*[ \t]+){0,2}[\p{L}'’-]*(?:straße|strasse|gasse|weg|platz|allee|vej|vænget|vägen|gatan|gata|gade|gaden|katu|tie|kuja|polku|tér|út|utca|ulica|cesta|laan|straat|gracht|veien|vegen|vei|sokak|caddesi|STRASSE|GATAN|KATU|VEJ)[ \t]+${NUM}\b\.?`;
// "6750 Koskikatu 25": house number, capitalised name, number; synthetic data and real forms alike.
const NUMBERED = String.raw`\d{1,6}[ \t]+\p{Lu}[\p{L}'’.-]+(?:[ \t]+\p{L}[\p{L}'’.-]*){0,3}[ \t]+\d{1,5}[A-Za-z]?\b\.?`;
const MILITARY = String.raw`(?:${ci('(?:psc|unit|cmr)')}[ \t]+\d{3,5},?[ \t]+${ci('box')}[ \t]+\d{3,5}|USNS[ \t]+\p{Lu}\p{L}+|USS[ \t]+\p{Lu}\p{L}+)(?:\s*\n?\s*[aAdDfF][pP][oO][ \t]+[aA][aAeEpP][ \t]+\d{5})?`;
const UNIT = `${ci(String.raw`(?:apt\.?|apartment|suite|ste\.|unit|flat|floor|room)`)}[ \\t]+#?\\d{1,5}[A-Za-z]?\\b`;
const PO_BOX = String.raw`[pP]\.?\s?[oO]\.?\s?(?:[bB]ox|BOX)[ \t]+\d{1,6}`;
const SHAPES = new RegExp(
  `(?<![\\p{L}\\d])(?:${MILITARY}|${SUFFIXED}|${PREFIXED}|${EURO}|${NUMBERED}|${UNIT}|${PO_BOX})`,
  'gu',
);

// Phrases after which the rest of the clause is an address.
const CUE =
  /(?:address(?:es)?(?: is| was|:| to| with| are)?|(?:lives?|lived|living|located|based|situated|moved|meet(?: you| me)?|stop|sent|send(?: it| them| this)?|ship(?: it)?|deliver(?: it)?|return|mail(?: it)?|drops? (?:you|me) off) (?:at|on|in|to)|corner of|taxi to|the following\?|here they are:|it is|it's in)[ \t]*\n*[ \t]*/giu;
const CLAUSE_END =
  /[?!;]|\.(?=\s+\p{Lu}\p{Ll}|\s*$)|\n\s*\n|,? (?:for|in case|after|if|because|when|please|last|so|but|as|I|it)\b|\. (?=I\b)/u;

/** Street addresses: street shapes (house number + street type, European and military forms) and cued clauses. */
export const detectAddresses: Recognizer = ({ text }) => {
  const spans: PiiSpan[] = [];
  for (const match of text.matchAll(SHAPES)) {
    const end = extendBlock(text, match.index + match[0].length);
    spans.push(span(text, match.index, end, 0.75, 'address-shape'));
  }
  for (const match of text.matchAll(CUE)) {
    const start = match.index + match[0].length;
    const rest = text.slice(start, start + 160);
    const stop = CLAUSE_END.exec(rest);
    const clause = rest.slice(0, stop === null ? rest.length : stop.index).replace(/[\s.,]+$/, '');
    // A cued clause counts only if it holds a number or a street word, so "lives in Paris" stays out.
    if (
      clause.length < 4 ||
      !/\d|\b(?:street|st|avenue|ave|road|rd|lane|drive|boulevard|way|court|square)\b/i.test(clause)
    )
      continue;
    if (/@|https?:/.test(clause)) continue;
    // "Billing address: Sara Schwarz\n  28245 Puruntie 82": a block's first line without a number, before
    // one with it, is who the mail goes to.
    // So is a name before "at" ("ship to Rahul Venkataraman at 45 Teheran-ro").
    const addressee =
      /^[^\d\n]{2,60}\n\s*(?=\d)|^\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3}[ \t]+at[ \t]+(?=\d)/u.exec(
        clause,
      )?.[0].length ?? 0;
    spans.push(span(text, start + addressee, start + clause.length, 0.7, 'address-cue'));
  }
  return merge(text, spans);
};

// Signature blocks continue an address over the next short lines (unit, city, region, country + postcode).
function extendBlock(text: string, end: number): number {
  let cursor = end;
  for (let lines = 0; lines < 5; lines++) {
    const m = /^[ \t]*,?[ \t]*\n(?:[ \t>]*)([^\n]*)/.exec(text.slice(cursor));
    const sameLine =
      /^(,?[ \t]*(?:(?:[aA]pt\.?|[sS]uite|[uU]nit)[ \t]+#?\d+[A-Za-z]?|[\p{Lu}][\p{L} .'’-]*,?[ \t]*(?:[A-Z]{2}[ \t]+)?\d{4,6}))/u.exec(
        text.slice(cursor),
      );
    if (lines === 0 && sameLine?.[1] !== undefined) {
      cursor += sameLine[1].length;
      continue;
    }
    const line = m?.[1];
    if (m === null || line === undefined || !isContinuation(line)) break;
    cursor += m[0].length;
  }
  return cursor;
}

function isContinuation(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > 60) return false;
  if (/@|:|https?|\b(?:office|fax|mobile|desk|phone)\b|^\+|\d{3}[ .-]\d{3}/i.test(trimmed)) return false;
  return /^(?:apt|suite|unit|[ADF]PO)\b|^,|\d{4,6}$|^[\p{Lu}][\p{L} ()'’.-]*(?:,?[ \t]*[A-Z]{2})?(?:[ \t]+\d{4,6})?\.?$/iu.test(
    trimmed,
  );
}

function span(text: string, start: number, end: number, score: number, detector: string): PiiSpan {
  const value = text.slice(start, end).replace(/[\s,]+$/, '');
  return { type: 'STREET_ADDRESS', start, end: start + value.length, value, score, detector };
}

// Shapes and cues often find the same address; keep the union of overlapping pieces.
function merge(text: string, spans: PiiSpan[]): PiiSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: PiiSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.value = text.slice(last.start, last.end);
      last.score = Math.max(last.score, s.score);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}
