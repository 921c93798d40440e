import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { DEFAULT_REWARD_POLICY, FRAUD_CHECK_ONLY_POLICY } from '../domain/policy.js';
import { parseCampaigns } from './load.js';
import { rewardPolicySchema } from './policy-schema.js';

const MERCHANT = '3f0e5d4c-1b2a-4c3d-9e8f-7a6b5c4d3e2f';

/** The documented example: "friend's first order, at least 50 USD or 45 EUR after discounts, shipped, not returned within 30 days". */
const EXAMPLE_POLICY = {
  minimumNetOrderValue: { USD: 5000, EUR: 4500 },
  newCustomersOnly: true,
  countsWhen: { shipmentState: ['Shipped', 'Delivered'] },
  countingDeadlineDays: 14,
  returnWindow: { days: 30, from: 'delivery' },
  excludeWhen: ['cancelled', 'fullyReturned', 'fullyRefunded'],
  maxDiscountPercent: 50,
  advocateCaps: {
    limits: [
      { period: 'month', maxRewards: 5 },
      { period: 'year', maxValue: { USD: 50000, EUR: 45000 } },
    ],
    acrossCampaigns: true,
  },
  rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 45, friendbuyRetryHours: 72 },
  fraud: {
    signals: {
      sameEmail: { action: 'reject' },
      similarEmail: { action: 'hold', weight: 40, maxEditDistance: 1 },
      sameIp: { action: 'off' },
      repeatedAccounts: { minAccounts: 3, windowHours: 72 },
      disposableEmail: { action: 'reject', add: ['throwaway.example'], remove: ['spam.la'] },
      fastClickToPurchase: { minSeconds: 20 },
    },
    scoreThresholds: { hold: 40, reject: 90 },
  },
};

describe('rewardPolicySchema', () => {
  it('fills every default from the domain for an empty policy', () => {
    expect(rewardPolicySchema.parse({})).toEqual(DEFAULT_REWARD_POLICY);
  });

  it('reads the documented example, keeping defaults where a signal sets only some fields', () => {
    const policy = rewardPolicySchema.parse(EXAMPLE_POLICY);
    expect(policy).toMatchObject({ ...EXAMPLE_POLICY, fraud: { scoreThresholds: { hold: 40, reject: 90 } } });
    expect(policy.fraud.signals.sameEmail).toEqual({ action: 'reject', weight: 100 });
    expect(policy.fraud.signals.sameIp).toEqual({ action: 'off', weight: 20 });
    expect(policy.fraud.signals.repeatedAccounts).toEqual({
      action: 'hold',
      weight: 50,
      minAccounts: 3,
      windowHours: 72,
    });
    expect(policy.fraud.signals.sameDevice).toEqual(DEFAULT_REWARD_POLICY.fraud.signals.sameDevice);
  });

  it.each<[string, object, string]>([
    ['a misspelt rule', { minimumOrderValue: { USD: 1 } }, 'minimumOrderValue'],
    ['a misspelt signal', { fraud: { signals: { sameEmial: { action: 'reject' } } } }, 'sameEmial'],
    [
      'an unknown action',
      { fraud: { signals: { sameEmail: { action: 'block' } } } },
      'fraud.signals.sameEmail.action',
    ],
    ['a lowercase currency', { minimumNetOrderValue: { usd: 5000 } }, 'minimumNetOrderValue.usd'],
    ['an unknown shipment state', { countsWhen: { shipmentState: ['Cancelled'] } }, 'countsWhen'],
    ['a counting state naming nothing', { countsWhen: {} }, 'countsWhen'],
    ['a window from the wrong thing', { returnWindow: { days: 30, from: 'payment' } }, 'returnWindow.from'],
    ['a cap without a limit', { advocateCaps: { limits: [{ period: 'month' }] } }, 'advocateCaps.limits.0'],
    ['a share above 100 %', { maxDiscountPercent: 120 }, 'maxDiscountPercent'],
    ['an unknown mode', { rewardHold: { mode: 'friendbuy' } }, 'rewardHold.mode'],
  ])('names the path of %s', (_name, input, path) => {
    const result = rewardPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    const problems = result.error?.issues
      .map((issue) => `${issue.path.join('.')} ${issue.message}`)
      .join('\n');
    expect(problems).toContain(path);
  });

  it('lowercases configured disposable domains', () => {
    const policy = rewardPolicySchema.parse({
      fraud: { signals: { disposableEmail: { add: ['Throwaway.Example'] } } },
    });
    expect(policy.fraud.signals.disposableEmail.add).toEqual(['throwaway.example']);
  });
});

describe('policy in the campaign file', () => {
  const campaign = { id: 'c-us', stores: ['us'], currencies: ['USD'] };

  it('is the fraud check alone when a campaign sets none, and parsed when it does', () => {
    const [plain, withPolicy] = parseCampaigns(
      { campaigns: [campaign, { ...campaign, id: 'c-eu', policy: EXAMPLE_POLICY }] },
      MERCHANT,
    );
    expect(plain?.policy).toEqual(FRAUD_CHECK_ONLY_POLICY);
    expect(withPolicy?.policy?.returnWindow).toEqual({ days: 30, from: 'delivery' });
  });

  it('reports at start a pending period that Friendbuy would not wait for', () => {
    const policy = { ...EXAMPLE_POLICY, rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 7 } };
    try {
      parseCampaigns({ campaigns: [{ ...campaign, policy }] }, MERCHANT, 'campaigns.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toContain(
        'campaigns.json: campaigns.0.policy: an order can stay pending for up to 1056 h',
      );
    }
  });
});
