import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMAIL_RULES,
  friendbuyCustomerIdFor,
  guestCustomerId,
  hashIdentifier,
  normaliseCode,
  normaliseEmail,
} from './identity.js';

describe('normaliseEmail', () => {
  it.each([
    { email: '  Jane@Example.COM ', expected: 'jane@example.com' },
    { email: 'jane.doe+fb@gmail.com', expected: 'janedoe@gmail.com' },
    { email: 'Jane.Doe@GoogleMail.com', expected: 'janedoe@gmail.com' },
    { email: 'jane.doe+promo@outlook.com', expected: 'jane.doe@outlook.com' },
    { email: 'jane+x@proton.me', expected: 'jane@proton.me' },
    { email: 'jane+x@yahoo.com', expected: 'jane+x@yahoo.com' },
    { email: 'jane-x@yahoo.com', expected: 'jane-x@yahoo.com' },
    { email: 'jane.doe+x@example.com', expected: 'jane.doe+x@example.com' },
  ])('normalises $email to $expected', ({ email, expected }) => {
    expect(normaliseEmail(email)).toBe(expected);
  });

  it.each([
    '',
    'jane',
    'jane@',
    '@example.com',
    'jane@example',
    'ja ne@example.com',
    'a@b@example.com',
    '+x@gmail.com',
  ])('returns undefined for %j, which is not a mailbox', (email) => {
    expect(normaliseEmail(email)).toBeUndefined();
  });

  it('lets each rule replace its default', () => {
    const options = { plusTagDomains: ['example.com'], dotInsensitiveDomains: [], domainAliases: {} };
    expect(normaliseEmail('a.b+c@example.com', options)).toBe('a.b@example.com');
    expect(normaliseEmail('a.b+c@googlemail.com', options)).toBe('a.b+c@googlemail.com');
    expect(normaliseEmail('a.b+c@gmail.com', { plusTagDomains: [] })).toBe('ab+c@gmail.com');
  });

  it('keeps yahoo.com out of the plus-tag defaults', () => {
    expect(DEFAULT_EMAIL_RULES.plusTagDomains).not.toContain('yahoo.com');
  });

  it('is idempotent', () => {
    const domain = fc.constantFrom('gmail.com', 'GoogleMail.com', 'outlook.com', 'yahoo.com', 'example.org');
    const local = fc.stringMatching(/^[A-Za-z0-9.+_-]{1,20}$/);
    fc.assert(
      fc.property(local, domain, fc.constantFrom('', ' ', '\t'), (l, d, pad) => {
        const once = normaliseEmail(`${pad}${l}@${d}${pad}`);
        if (once !== undefined) expect(normaliseEmail(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normaliseEmail(email);
        if (once !== undefined) expect(normaliseEmail(once)).toBe(once);
      }),
    );
  });
});

describe('guestCustomerId', () => {
  it('is guest_ and 32 hex characters', () => {
    expect(guestCustomerId('jane@example.com', 'k1')).toMatch(/^guest_[0-9a-f]{32}$/);
  });

  it('is stable for one key and differs between keys', () => {
    fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (email, k1, k2) => {
          expect(guestCustomerId(email, k1)).toBe(guestCustomerId(email, k1));
          if (k1 !== k2) expect(guestCustomerId(email, k1)).not.toBe(guestCustomerId(email, k2));
        },
      ),
    );
  });

  it('refuses an empty key, which would make pseudonyms guessable', () => {
    expect(() => guestCustomerId('jane@example.com', '')).toThrow(RangeError);
  });
});

describe('hashIdentifier', () => {
  it('never contains the raw value', () => {
    const hash = hashIdentifier('ip', '203.0.113.7', 'k1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('203');
  });

  it('hashes the same value differently per kind', () => {
    expect(hashIdentifier('device', 'abc', 'k1')).not.toBe(hashIdentifier('session', 'abc', 'k1'));
  });

  it.each([
    { kind: 'ip', a: ' 2001:DB8::1 ', b: '2001:db8::1' },
    { kind: 'address', a: ' 1  Main St\n Springfield', b: '1 main st springfield' },
    { kind: 'userAgent', a: ' Mozilla/5.0 ', b: 'Mozilla/5.0' },
  ] as const)('treats $kind values that differ only in form as equal', ({ kind, a, b }) => {
    expect(hashIdentifier(kind, a, 'k1')).toBe(hashIdentifier(kind, b, 'k1'));
  });

  it('keeps case for tokens whose case is meaningful', () => {
    expect(hashIdentifier('session', 'AbC', 'k1')).not.toBe(hashIdentifier('session', 'abc', 'k1'));
  });
});

describe('normaliseCode', () => {
  it('trims and lowercases, as Friendbuy does with code-bank codes', () => {
    expect(normaliseCode('  FRIEND-20Off ')).toBe('friend-20off');
  });
});

describe('friendbuyCustomerIdFor', () => {
  const guest = guestCustomerId('janedoe@gmail.com', 'k1');
  it.each([
    { person: { customerId: 'ct-1', email: 'jane@example.com' }, expected: 'ct-1' },
    { person: { customerId: '  ', email: 'Jane.Doe@gmail.com' }, expected: guest },
    { person: { email: 'jane.doe+x@googlemail.com' }, expected: guest },
    { person: { email: 'not an email' }, expected: undefined },
    { person: {}, expected: undefined },
  ])('gives $expected for $person', ({ person, expected }) => {
    expect(friendbuyCustomerIdFor(person, 'k1')).toBe(expected);
  });

  it('applies the given email rules', () => {
    expect(
      friendbuyCustomerIdFor({ email: 'a+b@example.com' }, 'k1', { plusTagDomains: ['example.com'] }),
    ).toBe(guestCustomerId('a@example.com', 'k1'));
  });
});
