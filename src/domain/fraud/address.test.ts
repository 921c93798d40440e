import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '../identity.js';
import { type AddressParts, normaliseAddress } from './address.js';

const berlin = { postalCode: '10115', city: 'Berlin', country: 'DE' };

describe('normaliseAddress', () => {
  it.each<[string, AddressParts, AddressParts]>([
    [
      'straße and str.',
      { ...berlin, streetName: 'Hauptstraße', streetNumber: '5' },
      { ...berlin, streetName: 'Hauptstr.', streetNumber: '5' },
    ],
    [
      'strasse without ß',
      { ...berlin, streetName: 'Hauptstrasse', streetNumber: '5' },
      { ...berlin, streetName: 'HAUPTSTR', streetNumber: '5' },
    ],
    [
      'a separate Straße word',
      { ...berlin, streetName: 'Lange Straße 5' },
      { ...berlin, streetName: 'lange str.', streetNumber: '5' },
    ],
    [
      'street and st',
      { country: 'US', postalCode: '10001', city: 'New York', streetName: '5th Avenue' },
      { country: 'us', postalCode: '10001', city: 'new york', streetName: '5th Ave.' },
    ],
    [
      'St and Street',
      { country: 'US', city: 'Boston', streetName: 'Main Street', streetNumber: '12' },
      { country: 'US', city: 'Boston', streetName: 'Main St', streetNumber: '12' },
    ],
    [
      'whitespace and case',
      { ...berlin, streetName: '  Unter   den Linden ', streetNumber: '1' },
      { ...berlin, streetName: 'unter den linden', streetNumber: '1' },
    ],
    [
      'accents',
      { country: 'FR', city: 'Besançon', streetName: 'Rue de l’Église' },
      { country: 'FR', city: 'Besancon', streetName: 'rue de l eglise' },
    ],
    [
      'spaces in postal codes',
      { country: 'GB', postalCode: 'SW1A 1AA', city: 'London' },
      { country: 'GB', postalCode: 'sw1a1aa', city: 'London' },
    ],
  ])('spells %s alike', (_name, a, b) => {
    expect(normaliseAddress(a)).toBe(normaliseAddress(b));
    expect(hashIdentifier('address', normaliseAddress(a), 'k')).toBe(
      hashIdentifier('address', normaliseAddress(b), 'k'),
    );
  });

  it.each<[string, AddressParts, AddressParts]>([
    [
      'different house numbers',
      { ...berlin, streetName: 'Hauptstr.', streetNumber: '5' },
      { ...berlin, streetName: 'Hauptstr.', streetNumber: '7' },
    ],
    [
      'different apartments',
      { ...berlin, streetName: 'Hauptstr.', streetNumber: '5', apartment: '1' },
      { ...berlin, streetName: 'Hauptstr.', streetNumber: '5', apartment: '2' },
    ],
    [
      'different cities',
      { ...berlin, streetName: 'Hauptstr.' },
      { ...berlin, city: 'Hamburg', streetName: 'Hauptstr.' },
    ],
  ])('keeps %s apart', (_name, a, b) => {
    expect(normaliseAddress(a)).not.toBe(normaliseAddress(b));
  });

  it('gives one readable line, and nothing for an empty address', () => {
    expect(normaliseAddress({ ...berlin, streetName: 'Hauptstraße', streetNumber: '5' })).toBe(
      'de|10115|berlin|hauptstr 5||',
    );
    expect(normaliseAddress({})).toBe('');
  });
});
