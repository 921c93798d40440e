import { describe, expect, it } from 'vitest';
import { pastAdvocateRewards, rewardMoney } from './reward-value.js';

describe('rewardMoney', () => {
  it.each([
    ['10.50', 'USD', { centAmount: 1050, currencyCode: 'USD', fractionDigits: 2 }],
    ['500', 'JPY', { centAmount: 500, currencyCode: 'JPY', fractionDigits: 0 }],
    ['15', '%', undefined],
    ['1', 'SKU-123', undefined],
    ['10.555', 'USD', undefined],
    ['ten', 'USD', undefined],
    [null, 'USD', undefined],
  ])('%s %s', (amount, unit, expected) => {
    expect(rewardMoney(amount, unit)).toEqual(expected);
  });
});

describe('pastAdvocateRewards', () => {
  const at = new Date('2025-03-01T00:00:00Z');
  const reward = (rewardId: string, orderId: string, state = 'available') => ({
    rewardId,
    campaignId: 'c1',
    amount: '10',
    unit: 'USD',
    orderId,
    state,
    issuedAt: at,
  });

  it('counts standing rewards of other orders, not reversed ones nor the order’s own', () => {
    const past = pastAdvocateRewards(
      [reward('r1', 'o1'), reward('r2', 'o2', 'reversed'), reward('r3', 'o3')],
      'o3',
    );
    expect(past).toEqual([
      { at, campaignId: 'c1', value: { centAmount: 1000, currencyCode: 'USD', fractionDigits: 2 } },
    ]);
  });
});
