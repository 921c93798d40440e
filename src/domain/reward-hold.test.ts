import { describe, expect, it } from 'vitest';
import { friendbuyAsksUntil } from './reward-hold.js';

describe('friendbuyAsksUntil', () => {
  const reportedAt = new Date('2025-03-01T10:00:00Z');
  it('is the reward delay plus Friendbuy’s retries after the purchase report', () => {
    const hold = { mode: 'friendbuyHolds' as const, rewardDelayDays: 30, friendbuyRetryHours: 72 };
    expect(friendbuyAsksUntil(hold, reportedAt)).toEqual(new Date('2025-04-03T10:00:00Z'));
  });
  it('has no deadline when the connector holds the purchase, or before it was reported', () => {
    expect(
      friendbuyAsksUntil({ mode: 'connectorHolds', rewardDelayDays: 0, friendbuyRetryHours: 72 }, reportedAt),
    ).toBeUndefined();
    expect(
      friendbuyAsksUntil({ mode: 'friendbuyHolds', rewardDelayDays: 30, friendbuyRetryHours: 72 }, undefined),
    ).toBeUndefined();
  });
});
