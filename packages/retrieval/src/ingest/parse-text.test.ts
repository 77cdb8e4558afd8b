import { describe, expect, it } from 'vitest';
import { normaliseLocale, parseText } from './parse-text.js';

describe('parseText', () => {
  it('takes a short first line as the title and the rest as the body', () => {
    const text = '\n\nGift card balance\n\nYour balance is shown at checkout.\nCards never expire.\n';
    expect(parseText(text, 'gift-cards.txt')).toEqual({
      externalId: 'gift-cards.txt',
      title: 'Gift card balance',
      body: 'Your balance is shown at checkout.\nCards never expire.',
    });
  });

  it('uses the file name without extension when the first line is too long to be a title', () => {
    const text = `${'We ship to 40 countries. '.repeat(6)}\nSecond line.`;
    const raw = parseText(text, 'shipping/where-we-ship.txt');
    expect(raw.title).toBe('where-we-ship');
    expect(raw.body).toBe(text.trim());
  });

  it('handles CRLF line endings', () => {
    expect(parseText('Title\r\n\r\nBody line', 'a.txt')).toMatchObject({ title: 'Title', body: 'Body line' });
  });

  it('returns an empty title and body for a blank file', () => {
    expect(parseText('  \n\n', 'empty.txt')).toMatchObject({ title: '', body: '' });
  });
});

describe('normaliseLocale', () => {
  it('puts region tags into canonical case', () => {
    expect(normaliseLocale('en-us')).toBe('en-US');
    expect(normaliseLocale('pt_br')).toBe('pt-BR');
    expect(normaliseLocale(' EN ')).toBe('en');
  });

  it('leaves a malformed tag for validation to report', () => {
    expect(normaliseLocale('not a locale')).toBe('not a locale');
  });
});
