import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { identityKeysFor } from '../domain/identity-keys.js';
import { recordCustomerOrder } from './customer-orders.js';
import type { Db } from './db.js';
import { type FraudLookupQuery, lookUpFraudFacts } from './fraud-lookups.js';
import { linkIdentityKeys } from './identity-links.js';
import { type ReferralRow, saveReferral } from './referrals.js';
import { insertReward } from './rewards.js';

const AT = new Date('2026-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(AT.getTime() - h * 3_600_000);

describe('fraud lookups (one statement per referral)', () => {
  let db: Db;
  const query: FraudLookupQuery = {
    orderId: 'this',
    account: 'friend-x',
    at: AT,
    friend: { customerId: 'friend-x' },
    advocate: { key: 'customer:adv-1', customerId: 'adv-1' },
    windows: { sharedSince: hoursAgo(168), referralsSince: hoursAgo(24), codeBurstSince: hoursAgo(1) },
    code: 'ADV10',
  };
  const referral = (orderId: string, patch: Partial<ReferralRow>): ReferralRow => ({
    orderId,
    campaignId: 'c1',
    advocateKey: 'customer:adv-1',
    advocateCustomerId: 'adv-1',
    advocateEmailHash: null,
    friendAccount: `friend-${orderId}`,
    code: 'adv10',
    ipHash: null,
    deviceHash: null,
    addressHash: null,
    verdict: 'approve',
    score: 0,
    placedAt: hoursAgo(1),
    assessedAt: hoursAgo(1),
    ...patch,
  });

  beforeAll(async () => {
    db = await openTestStore();
    for (const row of [
      referral('o1', { deviceHash: 'dev-shared', placedAt: hoursAgo(2) }),
      referral('o2', { deviceHash: 'dev-shared', friendAccount: 'friend-o1', placedAt: hoursAgo(3) }),
      referral('o3', { deviceHash: 'dev-shared', placedAt: hoursAgo(24 * 30) }), // outside the window
      referral('o4', { ipHash: 'ip-1', addressHash: 'addr-1', placedAt: hoursAgo(5) }),
      referral('o5', { ipHash: 'ip-burst', code: 'adv10', placedAt: hoursAgo(0.2) }),
      referral('o6', { ipHash: 'ip-burst', code: 'other', placedAt: hoursAgo(0.3) }),
      referral('o7', { advocateKey: 'customer:adv-2', placedAt: hoursAgo(1) }),
      referral('o8', { deviceHash: 'dev-shared', placedAt: new Date(AT.getTime() + 3_600_000) }), // later
    ])
      await saveReferral(db, row);
    await recordCustomerOrder(
      db,
      { orderId: 'earlier', customerId: 'friend-x', createdAt: hoursAgo(100) },
      AT,
    );
    await recordCustomerOrder(db, { orderId: 'this', customerId: 'friend-x', createdAt: AT }, AT);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds, within each window and without the order itself, what the signals compare', async () => {
    const history = await lookUpFraudFacts(db, {
      ...query,
      friend: { customerId: 'friend-x', deviceHash: 'dev-shared', ipHash: 'ip-1', addressHash: 'addr-1' },
    });
    const byKind = (by: string) =>
      history.shared
        .filter((row) => row.by === by)
        .map((row) => row.account)
        .sort();
    expect(byKind('device')).toEqual(['friend-o1']); // o1 and o2 are one account; o3 too old, o8 later
    expect(byKind('ip')).toEqual(['friend-o4']);
    expect(byKind('address')).toEqual(['friend-o4']);
    // o1, o2, o4, o5, o6 in the last 24 h (o3 too old, o7 another advocate, o8 after the order)
    expect(history.advocateReferralTimes).toHaveLength(5);
    expect(history.codeRedemptionTimesFromIp).toEqual([]); // the friend's IP is not the bursting one
    const burst = await lookUpFraudFacts(db, {
      ...query,
      friend: { customerId: 'friend-x', ipHash: 'ip-burst' },
    });
    expect(burst.codeRedemptionTimesFromIp).toEqual([hoursAgo(0.2)]);
    expect(history.earlierOrders).toBe(1);
  });

  it('finds nothing for identifiers it does not know, and takes no shared key as a match', async () => {
    const history = await lookUpFraudFacts(db, {
      ...query,
      orderId: 'new',
      account: 'nobody',
      friend: {},
      advocate: { key: 'customer:nobody' },
    });
    expect(history).toEqual({
      friendTraits: [],
      advocateTraits: [],
      shared: [],
      advocateReferralTimes: [],
      codeRedemptionTimesFromIp: [],
      earlierOrders: 0,
      rewards: [],
    });
  });

  it('reads both people’s traits, and the friend’s known devices join the sharing lookup', async () => {
    const keys = (seen: Parameters<typeof identityKeysFor>[0]) => identityKeysFor(seen, { hashKey: 'k' });
    await db.transaction((tx) =>
      linkIdentityKeys(tx, keys({ customerId: 'p1', deviceId: 'd1', ipAddress: '10.0.0.1' }), AT),
    );
    await db.transaction((tx) => linkIdentityKeys(tx, keys({ customerId: 'p2', deviceId: 'd2' }), AT));
    const d1 = keys({ deviceId: 'd1' }).traits[0]!.value;
    await saveReferral(
      db,
      referral('o9', { deviceHash: d1, friendAccount: 'other-on-d1', placedAt: hoursAgo(1) }),
    );
    const found = await lookUpFraudFacts(db, {
      ...query,
      account: 'p1',
      friend: { customerId: 'p1' },
      advocate: { key: 'customer:p2', customerId: 'p2' },
    });
    expect(found.friendTraits.map((t) => t.kind).sort()).toEqual(['device', 'ip']);
    expect(found.advocateTraits.map((t) => t.kind)).toEqual(['device']);
    expect(found.shared).toEqual([{ by: 'device', account: 'other-on-d1', seenAt: hoursAgo(1) }]);
  });

  it('reads the advocate’s rewards within the caps’ period only, and none without caps', async () => {
    const reward = (rewardId: string, issuedAt: Date) => ({
      rewardId,
      kind: 'advocateReward' as const,
      customerId: 'adv-1',
      emailHash: null,
      campaignId: 'c1',
      couponCode: null,
      amount: '10',
      unit: 'USD',
      orderId: `order-${rewardId}`,
      state: 'available',
      inboxId: null,
      issuedAt,
    });
    await insertReward(db, reward('recent', hoursAgo(24)));
    await insertReward(db, reward('old', hoursAgo(24 * 60)));
    const ids = async (rewardsSince: Date | null | undefined) =>
      (await lookUpFraudFacts(db, { ...query, rewardsSince })).rewards.map((r) => r.rewardId);
    expect(await ids(hoursAgo(24 * 30))).toEqual(['recent']);
    expect(await ids(null)).toEqual(['recent', 'old']);
    expect(await ids(undefined)).toEqual([]);
  });

  it('reads each of the advocate’s rewards once, whether found by customer id, by email hash or both', async () => {
    const reward = (rewardId: string, customerId: string | null, emailHash: string | null) => ({
      rewardId,
      kind: 'advocateReward' as const,
      customerId,
      emailHash,
      campaignId: 'c1',
      couponCode: null,
      amount: '5',
      unit: 'USD',
      orderId: `order-${rewardId}`,
      state: 'available',
      inboxId: null,
      issuedAt: hoursAgo(2),
    });
    await insertReward(db, reward('both-ways', 'adv-3', 'email-3'));
    await insertReward(db, reward('by-email', null, 'email-3'));
    await insertReward(db, reward('by-customer', 'adv-3', null));
    // The same email once named another customer account: still this advocate's reward by email.
    await insertReward(db, reward('other-account', 'adv-3-old', 'email-3'));
    await insertReward(db, reward('someone-else', 'adv-4', 'email-4'));
    const found = await lookUpFraudFacts(db, {
      ...query,
      advocate: { key: 'customer:adv-3', customerId: 'adv-3', emailHash: 'email-3' },
      rewardsSince: hoursAgo(24 * 30),
    });
    expect(found.rewards.map((r) => r.rewardId).sort()).toEqual([
      'both-ways',
      'by-customer',
      'by-email',
      'other-account',
    ]);
  });

  it('leaves the order itself out of its advocate’s referrals, however busy the advocate', async () => {
    const busy = Array.from({ length: 30 }, (_, i) =>
      referral(`busy-${i}`, { advocateKey: 'customer:adv-busy', placedAt: hoursAgo(1 + i / 10) }),
    );
    for (const row of busy) await saveReferral(db, row);
    const found = await lookUpFraudFacts(db, {
      ...query,
      orderId: 'busy-0',
      advocate: { key: 'customer:adv-busy', customerId: 'adv-busy' },
    });
    expect(found.advocateReferralTimes).toHaveLength(29);
    expect(found.advocateReferralTimes).not.toContainEqual(hoursAgo(1));
    expect(found.advocateReferralTimes[0]).toEqual(hoursAgo(1.1)); // latest first
  });
});
