import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { redact } from './redact.js';
import { restore } from './restore.js';

describe('redact and restore', () => {
  it('numbers placeholders per type and keeps them across messages', () => {
    const first = redact('mail ana@example.com or bo@example.com, then ana@example.com');
    expect(first.text).toBe('mail <EMAIL_1> or <EMAIL_2>, then <EMAIL_1>');
    const second = redact('bo@example.com and cy@example.com', { mapping: first.mapping });
    expect(second.text).toBe('<EMAIL_2> and <EMAIL_3>');
    expect(restore(second.text, second.mapping)).toBe('bo@example.com and cy@example.com');
  });
  it('restores repeated and reformatted placeholders', () => {
    const { mapping } = redact('call +44 20 7946 0958, mail ana@example.com');
    expect(restore('EMAIL_1, [EMAIL_1] and <EMAIL_1>; phone {{PHONE_1}}', mapping)).toBe(
      'ana@example.com, ana@example.com and ana@example.com; phone +44 20 7946 0958',
    );
    expect(restore('EMAIL_12 and <EMAIL_9> stay', mapping)).toBe('EMAIL_12 and <EMAIL_9> stay');
  });
  it('round-trips input that already contains placeholder-looking text', () => {
    const input = 'template says <EMAIL_1> and EMAIL_1, real one ana@example.com';
    const { text, mapping } = redact(input);
    expect(text).toBe('template says <LITERAL_1> and <LITERAL_2>, real one <EMAIL_1>');
    expect(restore(text, mapping)).toBe(input);
  });
  it('masks, hashes and removes', () => {
    expect(redact('card 4111 1111 1111 1111', { mode: 'mask' }).text).toBe('card ****-****-****-1111');
    const hashed = redact('a ana@example.com b ana@example.com', { mode: 'hash', hashSalt: 's' });
    expect(hashed.text).toMatch(/^a <EMAIL_[0-9a-f]{8}> b <EMAIL_[0-9a-f]{8}>$/);
    expect(new Set(hashed.text.match(/<EMAIL_[0-9a-f]+>/g)).size).toBe(1);
    expect(redact('mail ana@example.com now', { mode: 'remove' }).text).toBe('mail  now');
  });
  it('resolves overlaps once: the credential URL wins over the email inside it', () => {
    expect(redact('use https://bob:pw@host.example.com/x').text).toBe('use <URL_1>');
  });
  it('keeps offsets right around astral characters', () => {
    const text = '😀👍🏽 mail ana@example.com 𝒳';
    for (const s of detect(text)) expect(text.slice(s.start, s.end)).toBe(s.value);
    expect(redact(text).text).toBe('😀👍🏽 mail <EMAIL_1> 𝒳');
  });
});

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{0,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z]{2,10}$/),
    fc.constantFrom('com', 'io', 'de'),
  )
  .filter(([user]) => !user.includes('..'))
  .map(([user, domain, tld]) => `${user}@${domain}.${tld}`);
const ssn = fc
  .tuple(fc.integer({ min: 1, max: 665 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([a, g, s]) => `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`);
const card = fc.constantFrom('4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005');
const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const pii = fc.oneof(email, ssn, card, ip);
const noise = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(' ', ', ', '\n', ' <EMAIL_1> ', ' PHONE_2 ', ' [US_SSN_1] ', ' 😀 ', ' ünïcødé '),
);
const STRUCTURED = ['EMAIL', 'US_SSN', 'CREDIT_CARD', 'IP_ADDRESS'];

describe('redact properties', () => {
  test.prop([
    fc.array(
      fc.oneof(
        noise,
        pii.map((p) => ` ${p} `),
      ),
      { maxLength: 8 },
    ),
  ])('restore(redact(x)) === x', (parts) => {
    const input = parts.join('');
    const { text, mapping } = redact(input);
    expect(restore(text, mapping)).toBe(input);
  });
  test.prop([fc.array(fc.tuple(fc.stringMatching(/^[a-z ]{0,10}$/), pii), { maxLength: 6 })])(
    're-scanning redacted text finds no PII of the redacted types',
    (parts) => {
      const input = parts.map(([words, value]) => `${words} ${value} `).join('');
      const { text } = redact(input, { types: STRUCTURED });
      for (const [, value] of parts) expect(text).not.toContain(value);
      expect(detect(text, { types: STRUCTURED })).toEqual([]);
    },
  );
  test.prop([
    fc.array(
      fc.oneof(
        noise,
        pii.map((p) => ` ${p} `),
      ),
      { maxLength: 8 },
    ),
  ])('spans are within bounds, ordered, disjoint and slice to their value', (parts) => {
    const input = parts.join('');
    let previousEnd = 0;
    for (const s of detect(input)) {
      expect(s.start).toBeGreaterThanOrEqual(previousEnd);
      expect(s.end).toBeLessThanOrEqual(input.length);
      expect(input.slice(s.start, s.end)).toBe(s.value);
      previousEnd = s.end;
    }
  });
});
