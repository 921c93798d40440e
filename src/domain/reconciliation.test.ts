import { describe, expect, it } from 'vitest';
import {
  diagnoseOrder,
  type OrderEvidence,
  reportsReplayedOrder,
  rewardsUnknownHere,
} from './reconciliation.js';

const reported: OrderEvidence = {
  received: true,
  created: true,
  purchase: 'reported',
  referred: false,
  refusedByFriendbuy: false,
  listedByFriendbuy: false,
};

describe('diagnoseOrder', () => {
  it('replays an order the connector never received', () => {
    expect(diagnoseOrder({ ...reported, received: false, created: false })).toEqual({
      cause: 'never-delivered',
      repair: { kind: 'replay-order' },
    });
  });

  it('retries a dead-lettered purchase report, but not one Friendbuy refused', () => {
    const dead = { ...reported, purchase: 'none' as const, purchaseJob: { id: 7, status: 'dead' as const } };
    expect(diagnoseOrder(dead)).toEqual({ cause: 'dead-lettered', repair: { kind: 'retry-job', jobId: 7 } });
    expect(diagnoseOrder({ ...dead, refusedByFriendbuy: true })).toEqual({ cause: 'rejected-by-friendbuy' });
  });

  it('retries the dead-lettered processing of a received message', () => {
    const stuck = {
      ...reported,
      created: false,
      purchase: 'none' as const,
      messageJob: { id: 3, status: 'dead' as const },
    };
    expect(diagnoseOrder(stuck)).toEqual({ cause: 'dead-lettered', repair: { kind: 'retry-job', jobId: 3 } });
  });

  it('flags a referred purchase Friendbuy does not list, and leaves it to a person', () => {
    expect(diagnoseOrder({ ...reported, referred: true })).toEqual({ cause: 'reported-but-absent' });
    expect(diagnoseOrder({ ...reported, referred: true, listedByFriendbuy: true })).toBeUndefined();
    // Friendbuy lists referred purchases only: an unreferred one is not expected there.
    expect(diagnoseOrder(reported)).toBeUndefined();
  });

  it('sees no difference in work still queued, or a purchase skipped or held on purpose', () => {
    expect(
      diagnoseOrder({ ...reported, purchase: 'none', purchaseJob: { id: 1, status: 'pending' } }),
    ).toBeUndefined();
    expect(diagnoseOrder({ ...reported, purchase: 'settled' })).toBeUndefined();
    expect(
      diagnoseOrder({ ...reported, created: false, messageJob: { id: 2, status: 'pending' } }),
    ).toBeUndefined();
  });
});

describe('rewardsUnknownHere', () => {
  it('matches by coupon code whatever its case, else one for one by advocate', () => {
    const friendbuy = [
      { couponCode: 'adv-abc' },
      { couponCode: 'ghost-1' },
      { advocateCustomerId: 'c1' },
      { advocateCustomerId: 'c1' },
    ];
    const known = [{ couponCode: 'ADV-ABC' }, { advocateCustomerId: 'c1' }];
    expect(rewardsUnknownHere(friendbuy, known)).toEqual([
      { couponCode: 'ghost-1' },
      { advocateCustomerId: 'c1' },
    ]);
  });
});

describe('reportsReplayedOrder', () => {
  const firstDelivery = new Date('2026-03-01T10:00:00Z');

  it('reports an order placed while the connector listened, or in the hour before its first delivery', () => {
    expect(reportsReplayedOrder(new Date('2026-03-02T08:00:00Z'), firstDelivery)).toBe(true);
    expect(reportsReplayedOrder(new Date('2026-03-01T09:00:00Z'), firstDelivery)).toBe(true);
  });

  it('keeps an older order, or any order before the first delivery, as history', () => {
    expect(reportsReplayedOrder(new Date('2026-03-01T08:59:59Z'), firstDelivery)).toBe(false);
    expect(reportsReplayedOrder(new Date('2026-03-02T08:00:00Z'), undefined)).toBe(false);
  });
});
