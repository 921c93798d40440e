import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../durations.js';
import { DEFAULT_REWARD_POLICY } from '../policy.js';
import { assessReferral, evaluateSignals, type ReferralFacts } from './assess.js';
import { FRAUD_SIGNALS, type FraudSignal } from './signal.js';

const at = new Date('2025-03-01T12:00:00Z');
const ago = (ms: number) => new Date(at.getTime() - ms);
const policy = DEFAULT_REWARD_POLICY;

/** A friend and an advocate with nothing in common: no signal fires. */
const base: ReferralFacts = {
  at,
  friend: {
    customerId: 'friend-1',
    emailHash: 'friend-hash',
    email: 'sam.friend@example.org',
    account: 'friend-1',
    ipHash: 'ip-friend',
    userAgentHash: 'ua-friend',
    deviceHashes: ['device-friend'],
    addressHash: 'address-friend',
    paymentHashes: ['card-friend'],
  },
  advocate: {
    customerId: 'advocate-1',
    emailHash: 'advocate-hash',
    email: 'alex.advocate@example.com',
    ipHashes: ['ip-advocate'],
    networks: [{ ipHash: 'ip-advocate', userAgentHash: 'ua-advocate' }],
    deviceHashes: ['device-advocate'],
    addressHashes: ['address-advocate'],
    paymentHashes: ['card-advocate'],
  },
  shared: [],
  advocateReferralTimes: [],
  codeRedemptionTimesFromIp: [],
  clickedAt: ago(HOUR_MS),
  isNewCustomer: true,
  usedFriendIncentive: true,
  earlierOrders: 0,
  caps: { input: { at, campaignId: 'c1', rewards: [] }, caps: policy.advocateCaps },
};

type Change = (facts: ReferralFacts) => ReferralFacts;
const friend =
  (patch: Partial<ReferralFacts['friend']>): Change =>
  (f) => ({ ...f, friend: { ...f.friend, ...patch } });
const advocate =
  (patch: Partial<ReferralFacts['advocate']>): Change =>
  (f) => ({ ...f, advocate: { ...f.advocate, ...patch } });
const facts =
  (patch: Partial<ReferralFacts>): Change =>
  (f) => ({ ...f, ...patch });

describe('assessReferral: each signal from the facts the flow looked up', () => {
  it.each<[string, Change, FraudSignal[], 'approve' | 'hold' | 'reject']>([
    ['nothing in common', (f) => f, [], 'approve'],
    ['same customer id', friend({ customerId: 'advocate-1' }), ['sameCustomerId'], 'reject'],
    ['same mailbox (hash)', friend({ emailHash: 'advocate-hash' }), ['sameEmail'], 'reject'],
    [
      'same local part at another domain',
      friend({ email: 'alex.advocate@yahoo.com' }),
      ['similarEmail'],
      'approve',
    ],
    [
      'same shipping address',
      advocate({ addressHashes: ['address-friend'] }),
      ['sameShippingAddress'],
      'hold',
    ],
    ['same card', advocate({ paymentHashes: ['x', 'card-friend'] }), ['samePaymentFingerprint'], 'hold'],
    ['same IP only', advocate({ ipHashes: ['ip-friend'] }), ['sameIp'], 'approve'],
    [
      'same IP and user agent',
      advocate({ ipHashes: ['ip-friend'], networks: [{ ipHash: 'ip-friend', userAgentHash: 'ua-friend' }] }),
      ['sameIp', 'sameIpAndUserAgent'],
      'hold',
    ],
    [
      'same device (any of the friend’s)',
      friend({ deviceHashes: ['d0', 'device-advocate'] }),
      ['sameDevice'],
      'hold',
    ],
    [
      'three accounts on one device this week',
      facts({
        shared: [
          {
            by: 'device',
            accounts: [
              { account: 'f2', seenAt: ago(DAY_MS) },
              { account: 'f3', seenAt: ago(2 * DAY_MS) },
            ],
          },
        ],
      }),
      ['repeatedAccounts'],
      'hold',
    ],
    [
      'accounts on the device, but longer ago than the window',
      facts({
        shared: [
          {
            by: 'device',
            accounts: [
              { account: 'f2', seenAt: ago(30 * DAY_MS) },
              { account: 'f3', seenAt: ago(30 * DAY_MS) },
            ],
          },
        ],
      }),
      [],
      'approve',
    ],
    [
      'an advocate with eleven referred orders today',
      facts({ advocateReferralTimes: Array.from({ length: 10 }, (_, i) => ago(i * HOUR_MS)) }),
      ['advocateVelocity'],
      'hold',
    ],
    [
      'a code redeemed a fourth time from one IP within the hour',
      facts({ codeRedemptionTimesFromIp: [ago(60_000), ago(120_000), ago(180_000)] }),
      ['codeBurst'],
      'hold',
    ],
    ['a disposable address', friend({ email: 'sam@mailinator.com' }), ['disposableEmail'], 'approve'],
    [
      'bought five seconds after the click',
      facts({ clickedAt: ago(5_000) }),
      ['fastClickToPurchase'],
      'approve',
    ],
    [
      'an existing customer with the friend incentive',
      facts({ isNewCustomer: false, earlierOrders: 3 }),
      ['existingCustomer'],
      'hold',
    ],
    [
      'an advocate past a monthly cap of two rewards',
      facts({
        caps: {
          input: {
            at,
            campaignId: 'c1',
            rewards: [
              { at: ago(DAY_MS), campaignId: 'c1' },
              { at: ago(2 * DAY_MS), campaignId: 'c1' },
            ],
          },
          caps: { limits: [{ period: 'month', maxRewards: 2 }], acrossCampaigns: false },
        },
      }),
      ['advocateOverCap'],
      'reject',
    ],
    [
      'two weak signals adding up to a hold',
      (f) => friend({ email: 'sam@mailinator.com' })(advocate({ ipHashes: ['ip-friend'] })(f)),
      ['sameIp', 'disposableEmail'],
      'hold',
    ],
  ])('%s', (_name, change, expectedSignals, verdict) => {
    const decision = assessReferral(change(base), policy.fraud);
    expect(decision.fired.map((f) => f.signal)).toEqual(expectedSignals);
    expect(decision.verdict).toBe(verdict);
  });

  it('evaluates every signal, in the policy’s vocabulary, each with evidence', () => {
    const results = evaluateSignals(base, policy.fraud);
    expect(results.map((r) => r.signal)).toEqual([...FRAUD_SIGNALS]);
  });

  it('lets the campaign turn a signal off', () => {
    const off = {
      ...policy.fraud,
      signals: { ...policy.fraud.signals, sameEmail: { action: 'off' as const, weight: 100 } },
    };
    expect(assessReferral(friend({ emailHash: 'advocate-hash' })(base), off).verdict).toBe('approve');
  });
});
