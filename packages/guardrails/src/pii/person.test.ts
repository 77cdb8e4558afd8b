import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';

const names = (text: string) => detect(text, { types: ['PERSON'] }).map((s) => s.value);

describe('detectPersons', () => {
  it('finds names after cues, honorifics and in sign-offs', () => {
    expect(names('Hi, my name is Szabina Gelencsér and I need help')).toEqual(['Szabina Gelencsér']);
    expect(names('Please ask Mr. Okafor to call back')).toEqual(['Okafor']);
    expect(names('Thanks,\nPriya Raman')).toContain('Priya Raman');
  });
  it('does not take common words for names', () => {
    expect(names('Will the refund arrive in June? The Bill is wrong and May is too late.')).toEqual([]);
    expect(names('Hi team, thanks for the help')).toEqual([]);
  });
  it('still finds those words when a cue says they are names', () => {
    expect(names('My name is Will Turner')).toEqual(['Will Turner']);
  });
  it('honours a caller suppress list', () => {
    expect(
      detect('Hello Zendesk, my name is Ana', { types: ['PERSON'], personSuppress: ['Zendesk'] }).map((s) => s.value),
    ).toEqual(['Ana']);
  });
});

describe('detectPersons on lower-cased informal text', () => {
  it('finds a known first name after a greeting, a thanks or an introduction', () => {
    expect(names('hi maria, thanks for getting back to me')).toEqual(['maria']);
    expect(names('my name is daniel okafor, i cant log in')).toEqual(['daniel okafor']);
    expect(names('cheers,\nanna')).toEqual(['anna']);
  });
  it('does not take product words after the same cues for names', () => {
    expect(names('hi, the sync button in the settings tab does nothing')).toEqual([]);
    expect(names('thanks, the pro plan works now')).toEqual([]);
    expect(names('ask support to reset my password')).toEqual([]);
  });
});
