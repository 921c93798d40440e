import { describe, expect, it } from 'vitest';
import type { Money } from './money.js';
import type { LedgerEventLike } from './order-facts.js';
import { codes, created, eur, evaluate, event, money, refund, returned } from './order-facts.test-kit.js';

describe('net order value after partial returns and refunds', () => {
  const min = (EUR: number) => ({
    minimumNetOrderValue: { EUR },
    returnWindow: { days: 30, from: 'order' as const },
  });
  it.each<[string, LedgerEventLike[], number, boolean]>([
    // one of two l1 back: 30.00 of 100.00 line value → 100.00 − 30 % = 70.00
    ['one of two units returned leaves 70.00 (≥ 70.00)', [created, returned(3, 'l1', 1)], 7000, true],
    ['one of two units returned leaves 70.00 (< 70.01)', [created, returned(3, 'l1', 1)], 7001, false],
    // 59.50 of 119.00 paid refunded → half of the net value
    ['half refunded leaves 50.00 (≥ 50.00)', [created, refund(3, 5950)], 5000, true],
    ['half refunded leaves 50.00 (< 50.01)', [created, refund(3, 5950)], 5001, false],
    // l2 returned (40 %) and its 47.60 refunded (40 %): the same money, taken off once
    [
      'a return and its refund count once (60.00)',
      [created, returned(3, 'l2', 1), refund(4, 4760)],
      6000,
      true,
    ],
    [
      'a larger goodwill refund wins over a small return',
      [created, returned(3, 'l1', 1), refund(4, 5950)],
      5001,
      false,
    ],
    ['returns after the window do not count', [created, returned(31, 'l1', 2)], 10000, true],
    [
      'a return item seen in return-added and return-set counts once',
      [
        created,
        returned(3, 'l1', 1, 'x'),
        event('order.return-set', 4, {
          returnInfo: [{ items: [{ id: 'x', quantity: 1, lineItemId: 'l1' }] }],
        }),
      ],
      7000,
      true,
    ],
    [
      'return-set replaces earlier returns',
      [created, returned(3, 'l1', 2, 'x'), event('order.return-set', 4, { returnInfo: [] })],
      10000,
      true,
    ],
    ['more units returned than bought count as the line', [created, returned(3, 'l2', 5)], 6000, true],
  ])('%s', (_name, events, minimum, eligible) => {
    const result = evaluate(events, min(minimum), 40);
    expect(result.status).toBe(eligible ? 'eligible' : 'ineligible');
    if (!eligible) expect(codes(result)).toEqual(['below-minimum']);
  });

  it('shrinks an order-level discount with the returned share', () => {
    // Lines worth 100.00 but 80.00 net after a 20.00 order discount; returning l2 (40 %) leaves 48.00.
    const details = { netOrderValue: eur(8000), discountAmount: eur(2000) };
    expect(evaluate([created, returned(3, 'l2', 1)], min(4800), 40, details).status).toBe('eligible');
    expect(evaluate([created, returned(3, 'l2', 1)], min(4801), 40, details).status).toBe('ineligible');
  });
});

describe('minimum net order value per currency', () => {
  const minimums = {
    minimumNetOrderValue: { USD: 5000, EUR: 4500, JPY: 5000 },
    returnWindow: { days: 0, from: 'order' as const },
  };
  const jpy = money('JPY', 0);
  it.each<[string, Money, string[]]>([
    ['45.00 EUR meets the EUR minimum', eur(4500), []],
    ['44.99 EUR does not', eur(4499), ['below-minimum']],
    ['45.00 USD does not meet the USD minimum', money('USD')(4500), ['below-minimum']],
    ['50.00 USD does', money('USD')(5000), []],
    ['¥5000 meets a yen minimum (no minor digits)', jpy(5000), []],
    ['¥4999 does not', jpy(4999), ['below-minimum']],
    ['a currency the policy does not name is ruled out', money('GBP')(900000), ['currency-without-minimum']],
  ])('%s', (_name, net, expected) => {
    const details = {
      netOrderValue: net,
      discountAmount: { ...net, centAmount: 0 },
      orderTotal: net,
      lineItems: [],
    };
    expect(codes(evaluate([created], minimums, 1, details))).toEqual(expected);
  });

  it('has no minimum when the policy names no currency', () => {
    expect(
      evaluate([created], { returnWindow: { days: 0, from: 'order' } }, 1, { netOrderValue: eur(1) }),
    ).toEqual({
      status: 'eligible',
    });
  });
});
