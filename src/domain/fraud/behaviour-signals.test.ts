import { describe, expect, it } from 'vitest';
import {
  evaluateAdvocateOverCap,
  evaluateExistingCustomer,
  evaluateFastClickToPurchase,
} from './behaviour-signals.js';

const clickedAt = new Date('2025-03-01T12:00:00Z');
const plusSeconds = (seconds: number) => new Date(clickedAt.getTime() + seconds * 1000);

describe('evaluateFastClickToPurchase', () => {
  it.each<[string, Date | undefined, Date, boolean]>([
    ['a purchase 5 s after the click', clickedAt, plusSeconds(5), true],
    ['one 30 s after', clickedAt, plusSeconds(30), false],
    ['one 10 minutes after', clickedAt, plusSeconds(600), false],
    ['a purchase without a click (a typed code)', undefined, plusSeconds(5), false],
    ['a click recorded after the purchase (clock skew)', plusSeconds(10), clickedAt, false],
  ])('%s → %s', (_name, clicked, purchasedAt, fired) => {
    const result = evaluateFastClickToPurchase({ clickedAt: clicked, purchasedAt }, { minSeconds: 30 });
    expect(result).toMatchObject({ signal: 'fastClickToPurchase', fired });
  });
});

describe('evaluateExistingCustomer', () => {
  it.each([
    [false, true, true],
    [true, true, false],
    [false, false, false],
  ])('new customer %s using the friend incentive %s → %s', (isNewCustomer, usedFriendIncentive, fired) => {
    const result = evaluateExistingCustomer({ isNewCustomer, usedFriendIncentive, earlierOrders: 2 });
    expect(result).toEqual({
      signal: 'existingCustomer',
      fired,
      evidence: fired ? { earlierOrders: 2 } : {},
    });
  });
});

describe('evaluateAdvocateOverCap', () => {
  const caps = { limits: [{ period: 'week' as const, maxRewards: 1 }], acrossCampaigns: false };
  it('fires with the cap it would break', () => {
    const input = {
      at: plusSeconds(0),
      campaignId: 'c1',
      rewards: [{ at: plusSeconds(-3600), campaignId: 'c1' }],
    };
    expect(evaluateAdvocateOverCap(input, caps)).toEqual({
      signal: 'advocateOverCap',
      fired: true,
      evidence: { breaches: [{ period: 'week', cap: 'maxRewards', max: 1, reached: 2 }] },
    });
    expect(evaluateAdvocateOverCap({ ...input, rewards: [] }, caps).fired).toBe(false);
  });
});
