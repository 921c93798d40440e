import { describe, expect, it } from 'vitest';
import { hashEmail } from './identity.js';
import { evaluateSelfReferral } from './self-referral.js';

const KEY = 'test-hash-key';
const advocate = { customerId: 'cust-advocate', emailHash: hashEmail('jane.doe@gmail.com', KEY) };
const claim = { via: 'referralCode' as const, value: 'JANE10', advocate };

describe('evaluateSelfReferral', () => {
  it.each([
    'jane.doe@gmail.com',
    'JaneDoe@gmail.com',
    'j.a.n.e.d.o.e@gmail.com',
    'jane.doe+friends@gmail.com',
    ' Jane.Doe+cart@GoogleMail.com ',
  ])('catches the advocate behind their own code as %s', (email) => {
    expect(evaluateSelfReferral({ emailHash: hashEmail(email, KEY) }, [claim])).toEqual([
      { signal: 'same-email', via: 'referralCode', value: 'JANE10' },
    ]);
  });

  it('catches the advocate by customer id, whatever email the cart carries', () => {
    expect(
      evaluateSelfReferral({ customerId: 'cust-advocate', emailHash: hashEmail('other@example.com', KEY) }, [
        { ...claim, via: 'discountCode' },
      ]),
    ).toEqual([{ signal: 'same-customer-id', via: 'discountCode', value: 'JANE10' }]);
  });

  it('lets a friend through, including one whose address only looks alike at another provider', () => {
    for (const email of ['janedoe@example.com', 'jane.doe@outlook.com', 'jane.doe2@gmail.com'])
      expect(evaluateSelfReferral({ emailHash: hashEmail(email, KEY) }, [claim])).toEqual([]);
  });

  it('keeps dots significant where the provider keeps them (rules are configurable)', () => {
    const rules = { dotInsensitiveDomains: [] };
    const strictAdvocate = { ...claim, advocate: { emailHash: hashEmail('jane.doe@gmail.com', KEY, rules) } };
    expect(
      evaluateSelfReferral({ emailHash: hashEmail('janedoe@gmail.com', KEY, rules) }, [strictAdvocate]),
    ).toEqual([]);
    expect(
      evaluateSelfReferral({ emailHash: hashEmail('jane.doe+x@gmail.com', KEY, rules) }, [strictAdvocate]),
    ).toHaveLength(1);
  });

  it('never matches on missing identifiers (a guest and an advocate known only by email)', () => {
    expect(evaluateSelfReferral({}, [{ ...claim, advocate: {} }])).toEqual([]);
    expect(evaluateSelfReferral({ customerId: '' }, [{ ...claim, advocate: { customerId: '' } }])).toEqual(
      [],
    );
  });

  it('reports every claim that points back at the friend', () => {
    const evidence = evaluateSelfReferral({ customerId: 'cust-advocate', emailHash: advocate.emailHash }, [
      claim,
      { via: 'attributionId', value: 'attr-1', advocate },
    ]);
    expect(evidence.map((e) => `${e.via}:${e.signal}`)).toEqual([
      'referralCode:same-customer-id',
      'referralCode:same-email',
      'attributionId:same-customer-id',
      'attributionId:same-email',
    ]);
  });
});
