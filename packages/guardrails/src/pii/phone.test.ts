import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';

const phones = (text: string, region?: 'US' | 'GB' | 'DE') =>
  detect(text, { types: ['PHONE'], ...(region === undefined ? {} : { defaultRegion: region }) }).map((s) => s.value);

describe('detectPhones', () => {
  it('finds international and national formats', () => {
    expect(phones('call +44 20 7946 0958 or (415) 555-2671')).toEqual(['+44 20 7946 0958', '(415) 555-2671']);
    expect(phones('Mobile: 030 901820', 'DE')).toEqual(['030 901820']);
  });
  it('is not fooled by order numbers, dates or amounts next to a phone', () => {
    expect(phones('order #4155552671 placed on 2024-03-05 for $1234567.00, call 415-555-2671')).toEqual([
      '415-555-2671',
    ]);
    expect(phones('invoice number 2025 0001 234 dated 12/03/2024')).toEqual([]);
  });
  it('uses context for short numbers that are not valid in the default region', () => {
    expect(phones('Phone: 467 3395')).toEqual(['467 3395']);
    expect(phones('we shipped 467 3395 units')).toEqual([]);
  });
});
