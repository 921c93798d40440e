import { describe, expect, it } from 'vitest';
import { friendKeyOf, maskEmail, personKeyOf, personRef } from './person-ref.js';

describe('a person as an operator may see them', () => {
  const found = { customerId: 'c1', email: 'anna.advocate@example.com', firstName: 'Anna', lastName: 'Berg' };

  it('shows name and email to an operator who may see personal data', () => {
    expect(personRef('customer:c1', found, true)).toEqual({
      key: 'customer:c1',
      customerId: 'c1',
      displayName: 'Anna Berg (anna.advocate@example.com)',
      email: 'anna.advocate@example.com',
    });
  });

  it('masks the mailbox and keeps the domain for everyone else, with no email', () => {
    expect(personRef('customer:c1', found, false)).toEqual({
      key: 'customer:c1',
      customerId: 'c1',
      displayName: 'a•••@example.com',
      email: null,
    });
    expect(maskEmail('x@shop.example')).toBe('x•••@shop.example');
    expect(maskEmail('not-an-email')).toBe('•••');
  });

  it('names someone commercetools does not know by a short key', () => {
    const hash = 'a38df8c12e9967f171f1e0f24e8e2578ca274bbaea48fa44387fe4fa2e988c40';
    expect(personRef(`email:${hash}`, undefined, true)).toEqual({
      key: `email:${hash}`,
      customerId: null,
      displayName: 'email a38df8c1… (not found in commercetools)',
      email: null,
    });
  });

  it('reads keys, bare customer ids and friend accounts', () => {
    expect(personKeyOf('c1')).toBe('customer:c1');
    expect(personKeyOf('email:abc')).toBe('email:abc');
    expect(friendKeyOf('8400ee25-2b3f-474a-b8e7-1bee2e442a16')).toBe(
      'customer:8400ee25-2b3f-474a-b8e7-1bee2e442a16',
    );
    expect(friendKeyOf('f'.repeat(64))).toBe(`email:${'f'.repeat(64)}`);
  });
});
