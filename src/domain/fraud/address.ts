// One spelling per postal address, so that "Hauptstr. 5" and "Hauptstraße 5" hash alike for the
// same-shipping-address and repeated-accounts signals. Deliberately simple: a few common street words, no
// geocoding. The caller hashes the result with `hashIdentifier('address', …)` and stores only the hash.

/** The parts of a commercetools Address that locate a mailbox (names are left out on purpose). */
export interface AddressParts {
  streetName?: string | undefined;
  streetNumber?: string | undefined;
  additionalStreetInfo?: string | undefined;
  building?: string | undefined;
  apartment?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  country?: string | undefined;
}

// Whole words and their one spelling. German compounds ("Hauptstraße", "Hauptstr.") are handled as suffixes.
const WORDS: Readonly<Record<string, string>> = {
  street: 'st',
  strasse: 'str',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  lane: 'ln',
  place: 'pl',
  platz: 'pl',
  apartment: 'apt',
  suite: 'ste',
};

function tidy(text: string | undefined): string {
  const words = (text ?? '')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  return words.map((word) => WORDS[word] ?? word.replace(/(?<=\p{L})(strasse|str)$/u, 'str')).join(' ');
}

/**
 * The address as one comparable line: lowercase, accents and punctuation dropped, whitespace collapsed, common
 * street words abbreviated; the postal code without spaces. Empty when no part is given.
 * @example
 * normaliseAddress({ streetName: 'Hauptstraße', streetNumber: '5', postalCode: '10115', city: 'Berlin', country: 'DE' })
 * // 'de|10115|berlin|hauptstr 5||'  — the same as for { streetName: 'Hauptstr.', … }
 */
export function normaliseAddress(address: AddressParts): string {
  const parts = [
    tidy(address.country),
    tidy(address.postalCode).replaceAll(' ', ''),
    tidy(address.city),
    tidy(`${address.streetName ?? ''} ${address.streetNumber ?? ''}`),
    tidy(`${address.building ?? ''} ${address.apartment ?? ''}`),
    tidy(address.additionalStreetInfo),
  ];
  return parts.every((part) => part === '') ? '' : parts.join('|');
}
