import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EligibilityResult, nextEvaluationAt } from './eligibility.js';
import type { LedgerEventLike, OrderDetails } from './order-facts.js';
import {
  codes,
  created,
  day,
  delivered,
  eur,
  evaluate,
  event,
  orderState,
  refund,
  returned,
  shipped,
} from './order-facts.test-kit.js';
import type { RewardPolicy } from './policy.js';

describe('return window', () => {
  it.each<[string, LedgerEventLike[], RewardPolicy['returnWindow'], number, EligibilityResult]>([
    [
      'from the order: pending inside it',
      [created],
      { days: 30, from: 'order' },
      10,
      { status: 'pending', until: day(30), waitingFor: ['returnWindow'] },
    ],
    [
      'from the order: eligible once it ends',
      [created],
      { days: 30, from: 'order' },
      30,
      { status: 'eligible' },
    ],
    [
      'from shipment: waits for the shipment, with no timer',
      [created],
      { days: 30, from: 'shipment' },
      10,
      { status: 'pending', until: undefined, waitingFor: ['shipment'] },
    ],
    [
      'from shipment: counted from the first Shipped',
      [created, shipped(3), delivered(5)],
      { days: 30, from: 'shipment' },
      10,
      { status: 'pending', until: day(33), waitingFor: ['returnWindow'] },
    ],
    [
      'from shipment: a Delivered without Shipped starts it too',
      [created, delivered(5)],
      { days: 30, from: 'shipment' },
      10,
      { status: 'pending', until: day(35), waitingFor: ['returnWindow'] },
    ],
    [
      'from delivery: shipped is not enough',
      [created, shipped(3)],
      { days: 30, from: 'delivery' },
      10,
      { status: 'pending', until: undefined, waitingFor: ['delivery'] },
    ],
    [
      'from delivery: counted from Delivered',
      [created, shipped(3), delivered(5)],
      { days: 30, from: 'delivery' },
      34,
      { status: 'pending', until: day(35), waitingFor: ['returnWindow'] },
    ],
    [
      'from delivery: eligible once it ends',
      [created, shipped(3), delivered(5)],
      { days: 30, from: 'delivery' },
      35,
      { status: 'eligible' },
    ],
    [
      'a zero-day window from the order is eligible at once',
      [created],
      { days: 0, from: 'order' },
      0,
      { status: 'eligible' },
    ],
    [
      'waits for order.created when it has not arrived yet',
      [shipped(3)],
      { days: 0, from: 'order' },
      5,
      { status: 'pending', until: undefined, waitingFor: ['order'] },
    ],
  ])('%s', (_name, events, returnWindow, now, expected) => {
    expect(evaluate(events, { returnWindow }, now)).toEqual(expected);
  });

  it('sorts events by when they happened, not by when they arrived', () => {
    const events = [delivered(5), created, shipped(3)];
    expect(evaluate(events, { returnWindow: { days: 30, from: 'shipment' } }, 10)).toMatchObject({
      until: day(33),
    });
  });
});

describe('exclusions inside the window', () => {
  const window30 = { returnWindow: { days: 30, from: 'order' as const } };
  it.each<[string, LedgerEventLike[], number, string[]]>([
    ['a cancelled order', [created, orderState(2, 'Cancelled')], 5, ['cancelled']],
    [
      'a cancelled order, even after the window ends',
      [created, orderState(2, 'Cancelled')],
      60,
      ['cancelled'],
    ],
    [
      'a full return of every line',
      [created, returned(4, 'l1', 2), returned(6, 'l2', 1)],
      60,
      ['fully-returned'],
    ],
    [
      'a full return in one return-set',
      [
        created,
        event('order.return-set', 4, {
          returnInfo: [
            {
              items: [
                { id: 'a', quantity: 2, lineItemId: 'l1' },
                { id: 'b', quantity: 1, lineItemId: 'l2' },
              ],
            },
          ],
        }),
      ],
      60,
      ['fully-returned'],
    ],
    ['a full refund', [created, refund(4, 5000), refund(6, 6900)], 60, ['fully-refunded']],
  ])('rules out %s', (_name, events, now, expected) => {
    expect(codes(evaluate(events, window30, now))).toEqual(expected);
  });

  it.each<[string, LedgerEventLike[]]>([
    ['a cancellation after the window closed', [created, orderState(31, 'Cancelled')]],
    ['a cancellation that was undone', [created, orderState(2, 'Cancelled'), orderState(3, 'Open')]],
    ['a full return after the window closed', [created, returned(31, 'l1', 2), returned(31, 'l2', 1)]],
    ['a refund that never succeeded', [created, refund(4, 11900, 'Pending'), refund(5, 11900, 'Failure')]],
    [
      'a cancelled shipment (not a cancelled order)',
      [created, event('order.shipment-state-changed', 2, { shipmentState: 'Canceled' })],
    ],
  ])('keeps an order eligible after %s', (_name, events) => {
    expect(evaluate(events, window30, 40)).toEqual({ status: 'eligible' });
  });

  it('lets a merchant keep fully refunded orders (excludeWhen without it)', () => {
    const events = [created, refund(4, 11900)];
    expect(evaluate(events, { ...window30, excludeWhen: ['cancelled'] }, 40)).toEqual({ status: 'eligible' });
  });

  it('lists every broken rule, not just the first', () => {
    const result = evaluate(
      [created, orderState(1, 'Cancelled')],
      { minimumNetOrderValue: { EUR: 20000 } },
      5,
      {
        isNewCustomer: false,
      },
    );
    expect(codes(result)).toEqual(['cancelled', 'not-new-customer', 'below-minimum']);
  });
});

describe('other rules', () => {
  const now0 = { returnWindow: { days: 0, from: 'order' as const } };
  it.each<[string, Partial<RewardPolicy>, Partial<OrderDetails>, string[]]>([
    [
      'discounts of exactly the maximum share',
      { maxDiscountPercent: 30 },
      { netOrderValue: eur(7000), discountAmount: eur(3000) },
      [],
    ],
    [
      'discounts above the maximum share',
      { maxDiscountPercent: 30 },
      { netOrderValue: eur(6999), discountAmount: eur(3001) },
      ['discount-share-too-high'],
    ],
    [
      'a free order paid by discounts entirely',
      { maxDiscountPercent: 100 },
      { netOrderValue: eur(0), discountAmount: eur(5000) },
      [],
    ],
    [
      'an existing customer when new customers only',
      { newCustomersOnly: true },
      { isNewCustomer: false },
      ['not-new-customer'],
    ],
    ['an existing customer when anyone counts', { newCustomersOnly: false }, { isNewCustomer: false }, []],
  ])('%s', (_name, policy, details, expected) => {
    expect(codes(evaluate([created], { ...now0, ...policy }, 1, details))).toEqual(expected);
  });
});

describe('counting state and deadline', () => {
  const shippedCounts = {
    countsWhen: { shipmentState: ['Shipped', 'Delivered'] as const },
    returnWindow: { days: 14, from: 'order' as const },
  };
  it('waits for the counting state after the window has ended', () => {
    expect(evaluate([created], shippedCounts, 20)).toEqual({
      status: 'pending',
      until: undefined,
      waitingFor: ['countingState'],
    });
    expect(evaluate([created, shipped(16)], shippedCounts, 20)).toEqual({ status: 'eligible' });
  });

  it('needs every named field: Complete and Paid', () => {
    const policy = {
      countsWhen: { orderState: ['Complete'] as const, paymentState: ['Paid'] as const },
      returnWindow: { days: 0, from: 'order' as const },
    };
    const paid = event('order.payment-state-changed', 2, { paymentState: 'Paid' });
    expect(evaluate([created, paid], policy, 5)).toMatchObject({
      status: 'pending',
      waitingFor: ['countingState'],
    });
    expect(evaluate([created, paid, orderState(3, 'Complete')], policy, 5)).toEqual({ status: 'eligible' });
  });

  it('sets a timer at the deadline and rules the order out when it passes', () => {
    const policy = { ...shippedCounts, countingDeadlineDays: 10 };
    // The earlier of the deadline (day 10) and the window's end (day 14).
    expect(evaluate([created], policy, 5)).toEqual({
      status: 'pending',
      until: day(10),
      waitingFor: ['countingState', 'returnWindow'],
    });
    expect(codes(evaluate([created], policy, 10))).toEqual(['not-counted-in-time']);
    // A late shipment does not bring it back: the answer must not change once given.
    expect(codes(evaluate([created, shipped(12)], policy, 30))).toEqual(['not-counted-in-time']);
    expect(evaluate([created, shipped(9)], policy, 30)).toEqual({ status: 'eligible' });
  });

  it('holds a delivery-based window to the deadline as well', () => {
    const policy = { returnWindow: { days: 30, from: 'delivery' as const }, countingDeadlineDays: 10 };
    expect(codes(evaluate([created, shipped(3)], policy, 10))).toEqual(['not-counted-in-time']);
  });
});

describe('fraud check and review', () => {
  const assessed = (verdict: string, days = 0, fired = ['sameDevice']) =>
    event('fraud.assessed', days, { verdict, score: 60, fired: fired.map((signal) => ({ signal })) });
  const reviewed = (decision: string, days: number, reason?: string) =>
    event('review.decided', days, { decision, by: 'ops@shop.example', reason });

  it.each<[string, LedgerEventLike[], number, EligibilityResult | string[]]>([
    [
      'an approved referral follows the other rules',
      [created, assessed('approve')],
      31,
      { status: 'eligible' },
    ],
    [
      'a held referral waits for the review, even after the window',
      [created, assessed('hold')],
      31,
      { status: 'pending', until: undefined, waitingFor: ['review'] },
    ],
    [
      'a held referral waits for the window and the review together',
      [created, assessed('hold')],
      10,
      { status: 'pending', until: day(30), waitingFor: ['returnWindow', 'review'] },
    ],
    [
      'an approved review releases it',
      [created, assessed('hold'), reviewed('approve', 2)],
      31,
      { status: 'eligible' },
    ],
    [
      'a rejected review rules it out',
      [created, assessed('hold'), reviewed('reject', 2, 'same household')],
      5,
      ['review-rejected'],
    ],
    ['a rejecting fraud check rules it out at once', [created, assessed('reject')], 1, ['fraud-rejected']],
    [
      'a later rejecting assessment (at the reward) overrides an earlier approval',
      [created, assessed('approve'), assessed('reject', 3, ['advocateOverCap'])],
      31,
      ['fraud-rejected'],
    ],
    [
      'a review decision stands when a later assessment holds again',
      [created, assessed('hold'), reviewed('approve', 2), assessed('hold', 3)],
      31,
      { status: 'eligible' },
    ],
  ])('%s', (_name, events, nowDays, expected) => {
    const result = evaluate(events, {}, nowDays);
    if (Array.isArray(expected)) expect(codes(result)).toEqual(expected);
    else expect(result).toEqual(expected);
  });

  it('names the reviewer and the reason of a rejection', () => {
    const result = evaluate([created, assessed('hold'), reviewed('reject', 2, 'same household')], {}, 5);
    expect(result.status === 'ineligible' && result.reasons[0]?.message).toBe(
      'rejected in review by ops@shop.example: same household',
    );
  });
});

describe('nextEvaluationAt', () => {
  it('is the end of the pending period, or nothing to wait for', () => {
    expect(nextEvaluationAt({ status: 'pending', until: day(30), waitingFor: ['returnWindow'] })).toEqual(
      day(30),
    );
    expect(nextEvaluationAt({ status: 'pending', waitingFor: ['delivery'] })).toBeUndefined();
    expect(nextEvaluationAt({ status: 'eligible' })).toBeUndefined();
  });
});

describe('properties', () => {
  const windowArb = fc.record({
    days: fc.integer({ min: 0, max: 60 }),
    from: fc.constantFrom('order', 'shipment', 'delivery') as fc.Arbitrary<
      RewardPolicy['returnWindow']['from']
    >,
  });
  it('is never eligible when the order was cancelled inside the window', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.integer({ min: 0, max: 20 }),
        fc.nat(60),
        fc.nat(200),
        (returnWindow, deliveredDay, cancelOffset, now) => {
          const cancelDay = Math.min(
            deliveredDay + cancelOffset,
            returnWindow.from === 'order' ? returnWindow.days : deliveredDay + returnWindow.days,
          );
          const events = [
            created,
            shipped(deliveredDay),
            delivered(deliveredDay),
            orderState(cancelDay, 'Cancelled'),
          ];
          expect(evaluate(events, { returnWindow }, now).status).not.toBe('eligible');
        },
      ),
    );
  });

  it('stays eligible whatever happens after the window closed', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.nat(100),
        fc.constantFrom('cancel', 'return', 'refund'),
        (returnWindow, later, what) => {
          const base = [created, shipped(1), delivered(2)];
          const end =
            (returnWindow.from === 'order' ? 0 : returnWindow.from === 'shipment' ? 1 : 2) +
            returnWindow.days;
          const after = end + 1 + later;
          const afterwards =
            what === 'cancel'
              ? orderState(after, 'Cancelled')
              : what === 'return'
                ? returned(after, 'l1', 2)
                : refund(after, 11900);
          expect(evaluate(base, { returnWindow }, end).status).toBe('eligible');
          expect(evaluate([...base, afterwards], { returnWindow }, after + 1).status).toBe('eligible');
        },
      ),
    );
  });
});
