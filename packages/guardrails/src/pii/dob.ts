import { before, spansFromRegex } from './span.js';
import type { Recognizer } from './types.js';

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = new RegExp(
  [
    String.raw`\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b`,
    String.raw`\b${DAY}[ \t]+(?:of[ \t]+)?${MONTH},?[ \t]+\d{4}\b`,
    String.raw`\b${MONTH}[ \t]+${DAY},?[ \t]+\d{4}\b`,
  ].join('|'),
  'gi',
);
const BIRTH_CUE_ALL = /\b(?:born|birth|dob|d\.o\.b\.?|birthday|birthdate|b-day|bday|date of birth|geboren|née)\b/gi;

/** Dates with birth context shortly before them ("DOB: 04/12/1988", "born on March 3, 1990"). */
export const detectDatesOfBirth: Recognizer = ({ text }) =>
  spansFromRegex(text, DATE, 'DATE_OF_BIRTH', 'date-of-birth', (_value, start) => {
    const window = before(text, start, 40);
    const cue = [...window.matchAll(BIRTH_CUE_ALL)].pop();
    // The cue must belong to this date: no other date may sit between them ("DOB: x, joined y").
    return cue !== undefined && !/\d[/.-]\d|\d{4}/.test(window.slice(cue.index)) ? 0.9 : null;
  });
