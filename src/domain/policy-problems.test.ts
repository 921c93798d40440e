import { describe, expect, it } from 'vitest';
import { DEFAULT_REWARD_POLICY, type RewardHold, type RewardPolicy } from './policy.js';
import { longestPendingHours, policyProblems } from './policy-problems.js';

const policy = (p: Partial<RewardPolicy>): RewardPolicy => ({ ...DEFAULT_REWARD_POLICY, ...p });
const friendbuyHolds = (rewardDelayDays: number, friendbuyRetryHours = 72): RewardHold => ({
  mode: 'friendbuyHolds',
  rewardDelayDays,
  friendbuyRetryHours,
});
const shipped = { shipmentState: ['Shipped', 'Delivered'] } as const;

describe('longestPendingHours', () => {
  it.each<[string, Partial<RewardPolicy>, number | undefined]>([
    ['a window from the order', { returnWindow: { days: 30, from: 'order' } }, 720],
    ['no window', { returnWindow: { days: 0, from: 'order' } }, 0],
    [
      'a window from delivery without a deadline',
      { returnWindow: { days: 30, from: 'delivery' } },
      undefined,
    ],
    [
      'a window from delivery with a deadline',
      { returnWindow: { days: 30, from: 'delivery' }, countingDeadlineDays: 10 },
      960,
    ],
    [
      'a counting state without a deadline',
      { countsWhen: shipped, returnWindow: { days: 2, from: 'order' } },
      undefined,
    ],
    [
      'a counting state with a longer deadline than the window',
      { countsWhen: shipped, countingDeadlineDays: 5, returnWindow: { days: 2, from: 'order' } },
      120,
    ],
  ])('%s: %s', (_name, p, hours) => {
    expect(longestPendingHours(policy(p))).toBe(hours);
  });
});

describe('policyProblems', () => {
  it('finds none in the default policy', () => {
    expect(policyProblems(DEFAULT_REWARD_POLICY)).toEqual([]);
  });

  it.each<[string, Partial<RewardPolicy>, boolean]>([
    ['a 30-day window without a reward delay', { rewardHold: friendbuyHolds(0) }, true],
    ['a 30-day window inside a 30-day reward delay', { rewardHold: friendbuyHolds(30) }, false],
    [
      'a 3-day window within 72 h of retries',
      { rewardHold: friendbuyHolds(0), returnWindow: { days: 3, from: 'order' } },
      false,
    ],
    [
      'a 3-day window with retries cut to 48 h',
      { rewardHold: friendbuyHolds(0, 48), returnWindow: { days: 3, from: 'order' } },
      true,
    ],
    [
      'a window from delivery with no deadline, whatever the delay',
      { rewardHold: friendbuyHolds(365), returnWindow: { days: 14, from: 'delivery' } },
      true,
    ],
    [
      'a window from delivery with a deadline inside the delay',
      {
        rewardHold: friendbuyHolds(30),
        returnWindow: { days: 14, from: 'delivery' },
        countingDeadlineDays: 19,
      },
      false,
    ],
    [
      'a window from delivery with a deadline past it',
      {
        rewardHold: friendbuyHolds(30),
        returnWindow: { days: 14, from: 'delivery' },
        countingDeadlineDays: 20,
      },
      true,
    ],
    [
      'any window when the connector holds the purchase',
      { returnWindow: { days: 90, from: 'delivery' } },
      false,
    ],
  ])('in friendbuyHolds mode, %s → problem: %s', (_name, p, problem) => {
    const codes = policyProblems(policy(p)).map((found) => found.code);
    expect(codes).toEqual(problem ? ['pending-outlasts-friendbuy-retries'] : []);
  });

  it('says how long and what to change', () => {
    const [problem] = policyProblems(policy({ rewardHold: friendbuyHolds(0) }));
    expect(problem?.message).toContain('up to 720 h');
    expect(problem?.message).toContain('at most 72 h');
    expect(problem?.message).toContain('connectorHolds');
  });

  it('finds inverted fraud score thresholds', () => {
    const fraud = { ...DEFAULT_REWARD_POLICY.fraud, scoreThresholds: { hold: 80, reject: 60 } };
    expect(policyProblems(policy({ fraud })).map((p) => p.code)).toEqual(['score-thresholds-inverted']);
  });
});
