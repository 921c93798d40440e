import { describe, expect, it } from 'vitest';
import { explainSignal } from './explain.js';
import { FRAUD_SIGNALS } from './signal.js';

describe('a fired fraud signal in words', () => {
  it('says where the advocate used the same address, naming their orders when known', () => {
    const fired = { signal: 'sameShippingAddress', evidence: { hash: 'h' } };
    expect(explainSignal(fired, { advocateOrderNumbers: ['1042'] })).toBe(
      'ships to an address the advocate used on order 1042',
    );
    expect(explainSignal(fired, { advocateOrderNumbers: ['1042', '1043', '1050'] })).toBe(
      'ships to an address the advocate used on orders 1042, 1043 and 1050',
    );
    expect(explainSignal(fired)).toBe('ships to an address the advocate used before');
  });

  it('counts the other referred orders from the same device', () => {
    expect(explainSignal({ signal: 'sameDevice', evidence: {} }, { sharedOrders: { device: 2 } })).toBe(
      'placed from a device the advocate used before; 2 other referred orders came from the same device',
    );
    expect(
      explainSignal(
        { signal: 'repeatedAccounts', evidence: { groups: [{ by: 'device', accounts: ['a', 'b', 'c'] }] } },
        { repeatedAccountsWindowHours: 24 },
      ),
    ).toBe("placed from the same device as 2 other referred friends' orders within 24 hours");
  });

  it('gives the seconds between the click and the purchase', () => {
    expect(explainSignal({ signal: 'fastClickToPurchase', evidence: { seconds: 12, minSeconds: 30 } })).toBe(
      'clicked and bought within 12 seconds (less than the 30 seconds a real visit takes)',
    );
    expect(explainSignal({ signal: 'fastClickToPurchase', evidence: { seconds: 1 } })).toBe(
      'clicked and bought within 1 second',
    );
  });

  it('states rates, domains, earlier orders and caps from the evidence', () => {
    expect(
      explainSignal({ signal: 'advocateVelocity', evidence: { count: 6, max: 5, windowHours: 24 } }),
    ).toBe("the advocate's 6 referred orders within 24 hours (more than 5 is unusual)");
    expect(explainSignal({ signal: 'codeBurst', evidence: { count: 4, max: 3, windowMinutes: 60 } })).toBe(
      'the code was used 4 times from one IP address within 60 minutes (limit 3)',
    );
    expect(explainSignal({ signal: 'disposableEmail', evidence: { domain: 'yopmail.com' } })).toBe(
      "the friend's email is at a throwaway-mail domain (yopmail.com)",
    );
    expect(explainSignal({ signal: 'existingCustomer', evidence: { earlierOrders: 2 } })).toBe(
      'the friend is not new: 2 earlier orders before this one',
    );
    expect(
      explainSignal({
        signal: 'advocateOverCap',
        evidence: { breaches: [{ period: 'month', cap: 'maxRewards', max: 5, reached: 6 }] },
      }),
    ).toBe("rewarding this order would be the advocate's reward number 6 this month (cap 5)");
    expect(
      explainSignal({
        signal: 'advocateOverCap',
        evidence: {
          breaches: [{ period: 'week', cap: 'maxValue', max: 5000, reached: 6250, currency: 'USD' }],
        },
      }),
    ).toBe(
      "rewarding this order brings the advocate's rewards this week to 62.50 USD, past the cap of 50.00 USD",
    );
    expect(
      explainSignal({
        signal: 'similarEmail',
        evidence: { match: 'same-local-part', friendDomain: 'gmail.com', advocateDomain: 'yahoo.com' },
      }),
    ).toBe("the friend's email has the advocate's name at another domain (gmail.com and yahoo.com)");
  });

  it('has words for every signal, and keeps an unknown one by name', () => {
    for (const signal of FRAUD_SIGNALS) expect(explainSignal({ signal, evidence: {} })).not.toMatch(/fired$/);
    expect(explainSignal({ signal: 'somethingNew' })).toBe('signal somethingNew fired');
  });
});
