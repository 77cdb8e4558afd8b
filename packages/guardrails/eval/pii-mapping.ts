import type { BuiltinPiiType } from '../src/index.js';

/**
 * Dataset entity label -> our type. Covers the names presidio and presidio-research use across
 * their datasets and versions (synth_dataset v1/v2, the Faker-based generator, CoNLL-style NER).
 * Address parts (building number, street name, secondary address) count as STREET_ADDRESS because
 * our address spans cover them. Labels not listed (GPE, LOCATION, ORGANIZATION, DATE_TIME, NRP,
 * TITLE, AGE, ZIP_CODE, DOMAIN_NAME, US_DRIVER_LICENSE, ...) are reported as unmapped.
 */
export const DATASET_TO_OURS: Readonly<Record<string, BuiltinPiiType>> = {
  EMAIL_ADDRESS: 'EMAIL',
  EMAIL: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  PHONE: 'PHONE',
  TELEPHONENUM: 'PHONE',
  CREDIT_CARD: 'CREDIT_CARD',
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  CREDITCARDNUMBER: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN',
  IBAN: 'IBAN',
  US_SSN: 'US_SSN',
  SSN: 'US_SSN',
  SOCIALNUM: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  IP: 'IP_ADDRESS',
  IPV4: 'IP_ADDRESS',
  IPV6: 'IP_ADDRESS',
  PERSON: 'PERSON',
  PER: 'PERSON',
  NAME: 'PERSON',
  FIRST_NAME: 'PERSON',
  LAST_NAME: 'PERSON',
  GIVENNAME: 'PERSON',
  SURNAME: 'PERSON',
  STREET_ADDRESS: 'STREET_ADDRESS',
  ADDRESS: 'STREET_ADDRESS',
  STREET: 'STREET_ADDRESS',
  STREET_NAME: 'STREET_ADDRESS',
  BUILDING_NUMBER: 'STREET_ADDRESS',
  BUILDINGNUM: 'STREET_ADDRESS',
  SECONDARY_ADDRESS: 'STREET_ADDRESS',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
  DOB: 'DATE_OF_BIRTH',
  BIRTHDAY: 'DATE_OF_BIRTH',
  DATEOFBIRTH: 'DATE_OF_BIRTH',
  URL: 'URL',
  API_KEY: 'SECRET',
  SECRET: 'SECRET',
  PASSWORD: 'SECRET',
};

/** Our type for a dataset label, or undefined when we do not detect that kind of entity. */
export function ourType(datasetLabel: string): BuiltinPiiType | undefined {
  return DATASET_TO_OURS[datasetLabel.toUpperCase()];
}
