import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { identityKeysFor } from '../domain/identity-keys.js';
import { recordCustomerOrder } from './customer-orders.js';
import type { Db } from './db.js';
import { linkIdentityKeys, traitsOfPeople } from './identity-links.js';
import { lookUpReferralHistory, type ReferralRow, saveReferral } from './referrals.js';

const AT = new Date('2026-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(AT.getTime() - h * 3_600_000);

describe('referral history lookups (one statement for the fraud check)', () => {
  let db: Db;
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
    const history = await lookUpReferralHistory(db, {
      orderId: 'this',
      account: 'friend-x',
      at: AT,
      shared: { devices: ['dev-shared', 'dev-other'], ip: 'ip-1', address: 'addr-1', since: hoursAgo(168) },
      advocate: { key: 'customer:adv-1', since: hoursAgo(24) },
      codeBurst: { code: 'ADV10', ipHash: 'ip-burst', since: hoursAgo(1) },
      friend: { customerId: 'friend-x' },
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
    expect(history.codeRedemptionTimesFromIp).toEqual([hoursAgo(0.2)]);
    expect(history.earlierOrders).toBe(1);
  });

  it('finds nothing for identifiers it does not know, and takes no shared key as a match', async () => {
    const history = await lookUpReferralHistory(db, {
      orderId: 'new',
      account: 'nobody',
      at: AT,
      shared: { devices: [], since: hoursAgo(168) },
      advocate: { key: 'customer:nobody', since: hoursAgo(24) },
      friend: {},
    });
    expect(history).toEqual({
      shared: [],
      advocateReferralTimes: [],
      codeRedemptionTimesFromIp: [],
      earlierOrders: 0,
    });
  });

  it('reads the traits of two people in one go', async () => {
    const keys = (seen: Parameters<typeof identityKeysFor>[0]) => identityKeysFor(seen, { hashKey: 'k' });
    await db.transaction((tx) =>
      linkIdentityKeys(tx, keys({ customerId: 'p1', deviceId: 'd1', ipAddress: '10.0.0.1' }), AT),
    );
    await db.transaction((tx) => linkIdentityKeys(tx, keys({ customerId: 'p2', deviceId: 'd2' }), AT));
    const [first, second] = await traitsOfPeople(
      db,
      [{ kind: 'customerId', value: 'p1' }],
      [{ kind: 'customerId', value: 'p2' }],
    );
    expect(first.map((t) => t.kind).sort()).toEqual(['device', 'ip']);
    expect(second.map((t) => t.kind)).toEqual(['device']);
    expect(first.find((t) => t.kind === 'device')?.value).not.toBe(second[0]?.value);
    expect(await traitsOfPeople(db, [], [{ kind: 'customerId', value: 'unknown' }])).toEqual([[], []]);
  });
});
