import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';

const found = (text: string, type: string) => detect(text, { types: [type] }).map((s) => s.value);

describe('detectAddresses and detectDatesOfBirth', () => {
  it('finds street addresses with their unit and city lines', () => {
    expect(found('Ship it to 1668 Glyn St, Apt. 4 please', 'STREET_ADDRESS')).toEqual(['1668 Glyn St, Apt. 4']);
    expect(found('Jane Doe\n14 Crown Street\nSuite 321\nLONDON\n', 'STREET_ADDRESS')).toEqual([
      '14 Crown Street\nSuite 321\nLONDON',
    ]);
    expect(found('My address is Harjukuja 54, Espoo', 'STREET_ADDRESS')[0]).toContain('Harjukuja 54');
  });
  it('ignores numbers that are not addresses', () => {
    expect(found('I waited 3 days for 2 replies', 'STREET_ADDRESS')).toEqual([]);
  });
  it('needs birth context for a date of birth', () => {
    expect(found('DOB: 04/12/1988, joined 05/06/2020', 'DATE_OF_BIRTH')).toEqual(['04/12/1988']);
    expect(found('I was born on March 3, 1990.', 'DATE_OF_BIRTH')).toEqual(['March 3, 1990']);
  });
  it('applies deny lists and custom recognizers', () => {
    const spans = detect('Ticket for Project Falcon, employee E-123456', {
      denyLists: [{ type: 'CODENAME', terms: ['project falcon'] }],
      recognizers: [{ type: 'EMPLOYEE_ID', pattern: /\bE-\d{6}\b/ }],
    });
    expect(spans.map((s) => [s.type, s.value])).toEqual([
      ['CODENAME', 'Project Falcon'],
      ['EMPLOYEE_ID', 'E-123456'],
    ]);
  });
});
