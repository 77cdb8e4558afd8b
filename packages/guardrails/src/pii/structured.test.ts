import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';

const types = (text: string) => detect(text).map((s) => [s.type, s.value]);

describe('structured detectors', () => {
  it('finds an email, also inside a URL', () => {
    expect(types('write to ana.b+x@example.co.uk')).toEqual([['EMAIL', 'ana.b+x@example.co.uk']]);
    expect(types('see https://example.com/unsubscribe?email=bo@example.org now')).toEqual([
      ['EMAIL', 'bo@example.org'],
    ]);
  });
  it('accepts Luhn-valid cards and rejects card-like numbers failing Luhn', () => {
    expect(types('card 4111 1111 1111 1111 please')).toEqual([['CREDIT_CARD', '4111 1111 1111 1111']]);
    expect(types('card 4111-1111-1111-1112 please')).toEqual([]);
    // A request id whose digit-only groups pass Luhn (CI once flagged one in the logs).
    expect(types('"requestId":"48297733-4120-49ab-8c3e-5f0d2a1b9c7e"')).toEqual([]);
    expect(types('sha 4111111111111111abc')).toEqual([]);
    expect(types('visa4111111111111111 and card:4111-1111-1111-1111.')).toEqual([
      ['CREDIT_CARD', '4111111111111111'],
      ['CREDIT_CARD', '4111-1111-1111-1111'],
    ]);
    expect(types('ref 1234567812345678')).toEqual([]);
  });
  it('validates IBAN checksums in grouped and lower-case form', () => {
    expect(types('IBAN: DE89 3704 0044 0532 0130 00 thanks')).toEqual([['IBAN', 'DE89 3704 0044 0532 0130 00']]);
    expect(types('iban gb82west12345698765432')).toEqual([['IBAN', 'gb82west12345698765432']]);
    expect(types('IBAN DE89 3704 0044 0532 0130 01')).toEqual([]);
  });
  it('skips SSNs in never-issued ranges', () => {
    expect(types('ssn 536-22-1234')).toEqual([['US_SSN', '536-22-1234']]);
    expect(types('ssn 666-22-1234 or 900-12-1234 or 536-00-1234')).toEqual([]);
  });
  it('finds IPv4 and IPv6 but not version numbers or times', () => {
    expect(types('from 10.0.12.7 and 2001:db8::8a2e:370:7334')).toEqual([
      ['IP_ADDRESS', '10.0.12.7'],
      ['IP_ADDRESS', '2001:db8::8a2e:370:7334'],
    ]);
    expect(types('upgrade to version 1.2.3.4 or v1.2.3.4 at 12:30:45')).toEqual([]);
    // Shrunk from a property failure: a lone word "v" before an address is not a version prefix.
    expect(types('v 0.0.0.0')).toEqual([['IP_ADDRESS', '0.0.0.0']]);
  });
  it('finds well-known secrets and URLs carrying credentials', () => {
    const text =
      'key sk-proj-abcdefghijklmnopqrstuvwx1234, slack xoxb-123456789012-abcdefABCDEF, gh ghp_abcdefghijklmnopqrstuvwxyz0123456789, aws AKIAIOSFODNN7EXAMPLE';
    expect(detect(text).map((s) => s.type)).toEqual(['SECRET', 'SECRET', 'SECRET', 'SECRET']);
    expect(types('db postgres://admin:hunter2@db.internal:5432/app.')).toEqual([
      ['URL', 'postgres://admin:hunter2@db.internal:5432/app'],
    ]);
    expect(types('open https://x.io/reset?token=abcd1234efgh')).toEqual([
      ['URL', 'https://x.io/reset?token=abcd1234efgh'],
    ]);
    expect(types('docs at https://example.com/help/refunds')).toEqual([]);
  });
  it('finds a JWT and a PEM private key', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----';
    expect(types(`token ${jwt}\n${pem}`)).toEqual([
      ['SECRET', jwt],
      ['SECRET', pem],
    ]);
  });
});
