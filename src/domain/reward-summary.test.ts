import { describe, expect, it } from 'vitest';
import { addDecimals, type RewardOverview, referralRoleOf, summariseRewards } from './reward-summary.js';

const reward = (overrides: Partial<RewardOverview>): RewardOverview => ({
  rewardId: 'r',
  kind: 'advocateReward',
  state: 'available',
  amount: '10.00',
  unit: 'USD',
  everRedeemed: false,
  lastEventAt: new Date('2026-03-01T00:00:00Z'),
  ...overrides,
});

describe('rewards summary', () => {
  it('counts and sums issued and redeemed rewards per currency, exactly', () => {
    const summary = summariseRewards([
      reward({ rewardId: 'a', amount: '10.10' }),
      reward({ rewardId: 'b', amount: '0.20', state: 'redeemed', everRedeemed: true }),
      reward({ rewardId: 'c', amount: '5', unit: 'EUR', lastEventAt: new Date('2026-03-02T00:00:00Z') }),
      reward({ rewardId: 'd', amount: '15', unit: '%', kind: 'friendIncentive' }),
    ]);
    expect(summary).toEqual({
      issued: { count: 4, value: { USD: '10.30', EUR: '5' } },
      redeemed: { count: 1, value: { USD: '0.20' } },
      byState: { available: 3, redeemed: 1 },
      last: { rewardId: 'c', kind: 'advocateReward', state: 'available' },
    });
  });

  it('names the referral role from the kinds of reward a customer received', () => {
    expect(referralRoleOf(['advocateReward'])).toBe('advocate');
    expect(referralRoleOf(['friendIncentive', 'friendIncentive'])).toBe('friend');
    expect(referralRoleOf(['friendIncentive', 'advocateReward'])).toBe('both');
    expect(referralRoleOf([])).toBeUndefined();
  });

  it('adds decimals without floating-point error', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('0', '0.05')).toBe('0.05');
    expect(addDecimals('999.99', '0.01')).toBe('1000.00');
  });
});
