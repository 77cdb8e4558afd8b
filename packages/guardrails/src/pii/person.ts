import nlp from 'compromise';
import { nameBearingStretches } from './name-bearing.js';
import { addressedNames, appositiveNames, fieldNames } from './person-fields.js';
import { firmNameTest } from './person-firms.js';
import { lowerCaseNames } from './person-lower.js';
import { isPlace, isRoleOrOrganisation, withoutLeadingTitle } from './person-places.js';
import { predicateNames } from './person-predicates.js';
import { cuedNames, headerNames, lineNames, shapedNames, speakerNames, subjectNames } from './person-rules.js';
import { unknownNames } from './person-unknown.js';
import { isTitleBefore, looksLikeName, MONTH_NAMES, SUPPRESSED_NAMES, WORD_NAMES } from './person-words.js';
import type { PiiSpan, Recognizer } from './types.js';

const ITEM = String.raw`\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?`;
// "A, B and C", or three or more names a comma or semicolon apart ("Guest list: A; B; C").
const LIST = new RegExp(
  String.raw`${ITEM}(?:,[ \t]+${ITEM})+,?[ \t]+(?:and|&)[ \t]+${ITEM}|${ITEM}(?:[,;][ \t]+${ITEM}){2,}`,
  'gu',
);
const ITEM_RE = new RegExp(ITEM, 'gu');

/** Personal names: compromise's NER plus context cues, spread to lists and repeated mentions, minus a suppress list. */
export const detectPersons: Recognizer = ({ text, options }) => {
  const extra = new Set((options.personSuppress ?? []).map((w) => w.toLowerCase()));
  const isFirmName = firmNameTest(text);
  const found = [
    ...cuedNames(text),
    ...subjectNames(text),
    ...lineNames(text),
    ...speakerNames(text),
    ...shapedNames(text),
    ...nerNames(text),
    ...lowerCaseNames(text),
    ...predicateNames(text),
    ...headerNames(text),
    ...fieldNames(text),
    ...appositiveNames(text),
    ...addressedNames(text),
    ...unknownNames(text),
  ]
    .map(withoutLeadingTitle)
    .filter(
      (s): s is PiiSpan =>
        s !== null && !isSuppressed(s, extra) && !isPlace(text, s) && !isRoleOrOrganisation(s) && !isFirmName(s),
    );
  const spread = [...listMates(text, found), ...repeatedMentions(text, found)].filter(
    (s) => !isSuppressed(s, extra) && !isRoleOrOrganisation(s) && !isFirmName(s),
  );
  return [...found, ...spread];
};

// compromise costs milliseconds a call whatever the length, so the stretches that may hold a name
// go to it as one text, a blank line apart (a sentence break for it), and come back to their places.
function nerNames(text: string): PiiSpan[] {
  const stretches = nameBearingStretches(text);
  if (stretches.length === 0) return [];
  const pieces: { at: number; start: number; end: number }[] = [];
  let joined = '';
  for (const { start, end } of stretches) {
    if (joined !== '') joined += '\n\n';
    pieces.push({ at: joined.length, start, end });
    joined += text.slice(start, end);
  }
  const people = nlp(joined).people().json({ offset: true }) as Array<{ offset?: { start: number; length: number } }>;
  const spans: PiiSpan[] = [];
  for (const { offset } of people) {
    const piece = offset && pieces.findLast((p) => p.at <= offset.start);
    if (!offset || !piece) continue;
    const start = piece.start + offset.start - piece.at;
    const span = nerSpan(text, start, Math.min(offset.length, piece.end - start));
    if (span) spans.push(span);
  }
  return spans;
}

// compromise's span may carry trailing punctuation or a possessive; the name is what is left.
function nerSpan(text: string, start: number, length: number): PiiSpan | null {
  const raw = text
    .slice(start, start + length)
    .replace(/[.,;:!?]+$/u, '')
    .replace(/(?:[ \t]+\p{Ll}+)+$/u, '')
    .replace(/['’]s$|['’]$/u, '');
  // "Candidate Kofi Mensah": the role before a name is not part of it.
  const role = /^(\S+)[ \t]+/u.exec(raw);
  const skip = role !== null && isTitleBefore(role[1] ?? '') ? role[0].length : 0;
  const value = raw.slice(skip);
  if (value.length < 2 || !/^\p{Lu}/u.test(value)) return null;
  return {
    type: 'PERSON',
    start: start + skip,
    end: start + skip + value.length,
    value,
    score: 0.7,
    detector: 'person-ner',
  };
}

// "Rudi, Jackson and Campos": when one item of a list is a name, the others are too.
function listMates(text: string, found: readonly PiiSpan[]): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const list of text.matchAll(LIST)) {
    const items = [...list[0].matchAll(ITEM_RE)].map((m) => ({ start: list.index + m.index, value: m[0] }));
    const hits = items.filter((i) => found.some((f) => f.start < i.start + i.value.length && i.start < f.end));
    if (hits.length === 0) continue;
    for (const i of items) {
      spans.push({
        type: 'PERSON',
        start: i.start,
        end: i.start + i.value.length,
        value: i.value,
        score: 0.55,
        detector: 'person-list',
      });
    }
  }
  return spans;
}

// Once "Maciej Borkowski" is a name, a later bare "Borkowski" is the same person; so is a later "noah"
// once "my son noah" is one, when the word could not be an English one ("grace" could).
function repeatedMentions(text: string, found: readonly PiiSpan[]): PiiSpan[] {
  const words = new Set(
    found
      .flatMap((f) => f.value.split(/\s+/))
      .filter((w) => /^\p{Lu}[\p{L}'’-]{2,}$/u.test(w) || (/^\p{Ll}[\p{L}'’-]{2,}$/u.test(w) && looksLikeName(w))),
  );
  const spans: PiiSpan[] = [];
  for (const word of words) {
    if (SUPPRESSED_NAMES.has(word.toLowerCase())) continue;
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
      'gu',
    );
    for (const m of text.matchAll(pattern)) {
      spans.push({
        type: 'PERSON',
        start: m.index,
        end: m.index + word.length,
        value: word,
        score: 0.5,
        detector: 'person-repeat',
      });
    }
  }
  return spans;
}

function isSuppressed(span: PiiSpan, extra: ReadonlySet<string>): boolean {
  const words = span.value.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  if (extra.has(span.value.toLowerCase()) || extra.has(first)) return true;
  if (!words.every((w) => SUPPRESSED_NAMES.has(w.toLowerCase().replace(/\.$/, '')))) return false;
  // "Thanks Grace,", "mark said": a name that is an English word stands alone after a strong cue or where
  // only a person fits; a month only in such a place ("june said"), since "said June" is as often a date.
  if (words.length > 1 || !WORD_NAMES.has(first) || span.score < 0.85) return true;
  return MONTH_NAMES.has(first) && span.detector !== 'person-predicate';
}
