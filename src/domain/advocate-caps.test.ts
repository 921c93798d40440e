import { describe, expect, it } from 'vitest';
import { capHistorySince } from './advocate-caps.js';
import type { Money } from './money.js';
import type { OrderDetails } from './order-facts.js';
import { codes, created, day, eur, evaluate } from './order-facts.test-kit.js';
import type { RewardPolicy } from './policy.js';

describe('advocate caps', () => {
  const reward = (days: number, campaignId = 'c1', value?: Money) => ({ at: day(days), campaignId, value });
  const caps = (limits: RewardPolicy['advocateCaps']['limits'], acrossCampaigns = false) => ({
    advocateCaps: { limits, acrossCampaigns },
    returnWindow: { days: 30, from: 'order' as const },
  });
  it.each<[string, Partial<RewardPolicy>, Partial<OrderDetails>, string[]]>([
    [
      'two earlier rewards this month against a cap of 2',
      caps([{ period: 'month', maxRewards: 2 }]),
      { advocateRewards: [reward(5), reward(20)] },
      ['advocate-cap-reached'],
    ],
    [
      'one earlier reward this month against a cap of 2',
      caps([{ period: 'month', maxRewards: 2 }]),
      { advocateRewards: [reward(20)] },
      [],
    ],
    [
      'rewards older than the rolling month',
      caps([{ period: 'month', maxRewards: 1 }]),
      { advocateRewards: [reward(-1)] },
      [],
    ],
    [
      'a reward within the rolling week',
      caps([{ period: 'week', maxRewards: 1 }]),
      { advocateRewards: [reward(24)] },
      ['advocate-cap-reached'],
    ],
    [
      'a reward just outside the rolling day',
      caps([{ period: 'day', maxRewards: 1 }]),
      { advocateRewards: [reward(29)] },
      [],
    ],
    [
      'a reward within the rolling year',
      caps([{ period: 'year', maxRewards: 1 }]),
      { advocateRewards: [reward(-300)] },
      ['advocate-cap-reached'],
    ],
    [
      'lifetime counts every reward',
      caps([{ period: 'lifetime', maxRewards: 1 }]),
      { advocateRewards: [reward(-3000)] },
      ['advocate-cap-reached'],
    ],
    [
      'other campaigns do not count by default',
      caps([{ period: 'month', maxRewards: 1 }]),
      { advocateRewards: [reward(20, 'c2')] },
      [],
    ],
    [
      'other campaigns count across campaigns',
      caps([{ period: 'month', maxRewards: 1 }], true),
      { advocateRewards: [reward(20, 'c2')] },
      ['advocate-cap-reached'],
    ],
    [
      'a value cap this reward would pass',
      caps([{ period: 'year', maxValue: { EUR: 2000 } }]),
      { advocateRewards: [reward(10, 'c1', eur(1500))], rewardValue: eur(1000) },
      ['advocate-cap-reached'],
    ],
    [
      'a value cap this reward fills exactly',
      caps([{ period: 'year', maxValue: { EUR: 2500 } }]),
      { advocateRewards: [reward(10, 'c1', eur(1500))], rewardValue: eur(1000) },
      [],
    ],
    [
      'a value cap already met when this reward is unknown',
      caps([{ period: 'year', maxValue: { EUR: 1500 } }]),
      { advocateRewards: [reward(10, 'c1', eur(1500))] },
      ['advocate-cap-reached'],
    ],
    [
      'a value cap in another currency',
      caps([{ period: 'year', maxValue: { USD: 100 } }]),
      { advocateRewards: [reward(10, 'c1', eur(1500))], rewardValue: eur(1000) },
      [],
    ],
  ])('%s', (_name, policy, details, expected) => {
    expect(codes(evaluate([created], policy, 30, details))).toEqual(expected);
  });

  it('judges caps when the order became eligible, not when asked again', () => {
    const policy = caps([{ period: 'week', maxRewards: 1 }]);
    const details = { advocateRewards: [reward(25)] };
    expect(codes(evaluate([created], policy, 30, details))).toEqual(['advocate-cap-reached']);
    expect(codes(evaluate([created], policy, 90, details))).toEqual(['advocate-cap-reached']);
  });
});

describe('capHistorySince', () => {
  const at = new Date('2025-03-31T00:00:00Z');
  it.each<[string, RewardPolicy['advocateCaps']['limits'], Date | null | undefined]>([
    ['no caps: no history needed', [], undefined],
    [
      'the longest period wins',
      [
        { period: 'week', maxRewards: 2 },
        { period: 'month', maxRewards: 5 },
      ],
      new Date('2025-03-01T00:00:00Z'),
    ],
    [
      'a lifetime cap needs all of it',
      [
        { period: 'day', maxRewards: 1 },
        { period: 'lifetime', maxRewards: 50 },
      ],
      null,
    ],
  ])('%s', (_name, limits, expected) => {
    expect(capHistorySince({ limits, acrossCampaigns: false }, at)).toEqual(expected);
  });
});
