import { describe, expect, it } from 'vitest';
import { canReissueCoupon, eventInWords, moneyInWords, rewardStateInWords } from './words.js';

const at = new Date('2026-03-01T12:00:00Z');

describe("the console's sentences", () => {
  it('tells an order timeline in words', () => {
    const total = { centAmount: 4250, currencyCode: 'EUR', fractionDigits: 2 };
    expect(
      eventInWords({
        type: 'order.created',
        data: { orderNumber: '1042', total, storeKey: 'eu' },
        occurredAt: at,
      }),
    ).toEqual({
      type: 'order.created',
      at: '2026-03-01T12:00:00.000Z',
      summary: 'order 1042 placed for 42.50 EUR in store eu',
    });
    const fraud = {
      verdict: 'hold',
      score: 50,
      fired: [{ signal: 'fastClickToPurchase', evidence: { seconds: 12 } }],
    };
    expect(eventInWords({ type: 'fraud.assessed', data: fraud, occurredAt: at }).summary).toBe(
      'fraud check held for review (score 50): clicked and bought within 12 seconds',
    );
    expect(
      eventInWords({
        type: 'eligibility.decided',
        data: { status: 'pending', waitingFor: ['review'] },
        occurredAt: at,
      }).summary,
    ).toBe('the referral waits for a fraud review');
    expect(
      eventInWords({
        type: 'review.decided',
        data: { decision: 'reject', by: 'ops', reason: 'same card' },
        occurredAt: at,
      }).summary,
    ).toBe('ops rejected the review: same card');
    expect(eventInWords({ type: 'something.new-here', occurredAt: at }).summary).toBe('something new here');
  });

  it('answers "where is my reward?" for every state', () => {
    expect(rewardStateInWords({ state: 'available', couponCode: 'ADV-1' })).toBe(
      'Ready to use: coupon ADV-1 works at checkout',
    );
    expect(
      rewardStateInWords({
        state: 'held',
        holdReason: "the friend's order can still be returned",
        heldUntil: new Date('2026-03-15T00:00:00Z'),
      }),
    ).toBe("On hold until 2026-03-15: the friend's order can still be returned");
    expect(rewardStateInWords({ state: 'reversed' })).toMatch(/^Taken back/);
    expect(rewardStateInWords({ state: 'reissuePending', couponCode: 'ADV-1' })).toBe(
      'The order that used coupon ADV-1 was cancelled: a new coupon is due',
    );
  });

  it('lets a coupon be issued again only while the reward is owed', () => {
    expect(['issued', 'available', 'reissuePending'].map((s) => canReissueCoupon(s, true))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['held', 'redeemed', 'reversed', 'expired'].map((s) => canReissueCoupon(s, true))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(canReissueCoupon('available', false)).toBe(false);
  });

  it('writes money from minor units', () => {
    expect(moneyInWords({ centAmount: 5, currencyCode: 'USD', fractionDigits: 2 })).toBe('0.05 USD');
    expect(moneyInWords({ centAmount: 1200, currencyCode: 'JPY', fractionDigits: 0 })).toBe('1200 JPY');
    expect(moneyInWords({ centAmount: -1999, currencyCode: 'EUR', fractionDigits: 2 })).toBe('-19.99 EUR');
    expect(moneyInWords({ centAmount: 12.5, currencyCode: 'USD', fractionDigits: 2 })).toBeUndefined();
    expect(moneyInWords({ centAmount: 5, currencyCode: 'USD', fractionDigits: -1 })).toBeUndefined();
  });
});
