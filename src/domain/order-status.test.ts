import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUS_EVENTS,
  mapStatusToCustomEvent,
  type OrderStatusFact,
  type OrderSummary,
  type StatusKey,
  statusKeyFor,
} from './order-status.js';

const refund = { centAmount: 1250, currencyCode: 'EUR', fractionDigits: 2 };

describe('statusKeyFor', () => {
  it.each<{ fact: OrderStatusFact; expected: StatusKey | undefined }>([
    { fact: { kind: 'shipmentState', value: 'Shipped' }, expected: 'shipped' },
    { fact: { kind: 'shipmentState', value: 'Delivered' }, expected: 'delivered' },
    { fact: { kind: 'shipmentState', value: 'Canceled' }, expected: undefined },
    { fact: { kind: 'shipmentState', value: 'Partial' }, expected: undefined },
    { fact: { kind: 'orderState', value: 'Cancelled' }, expected: 'cancelled' },
    { fact: { kind: 'orderState', value: 'Complete' }, expected: undefined },
    { fact: { kind: 'paymentState', value: 'Paid' }, expected: undefined },
    { fact: { kind: 'returned', returnInfo: { items: [{ quantity: 1 }] } }, expected: 'returned' },
    { fact: { kind: 'returned', returnInfo: { items: [] } }, expected: undefined },
    { fact: { kind: 'refundTransaction', state: 'Success', amount: refund }, expected: 'refunded' },
    { fact: { kind: 'refundTransaction', state: 'Pending', amount: refund }, expected: undefined },
  ])('reads $fact as $expected', ({ fact, expected }) => {
    expect(statusKeyFor(fact)).toBe(expected);
  });
});

describe('mapStatusToCustomEvent', () => {
  const summary: OrderSummary = {
    orderId: 'A-1001',
    commercetoolsOrderId: 'ct-order-1',
    email: 'jane@example.com',
    customerId: 'ct-customer-1',
    amount: { centAmount: 6000, currencyCode: 'EUR', fractionDigits: 2 },
  };

  it('builds a deduplicated custom event with the default event name', () => {
    expect(mapStatusToCustomEvent('shipped', summary, { events: {}, enabled: ['shipped'] })).toEqual({
      eventType: DEFAULT_STATUS_EVENTS.shipped,
      email: 'jane@example.com',
      customerId: 'ct-customer-1',
      deduplicationId: 'A-1001:shipped',
      additionalProperties: {
        commercetoolsOrderId: 'ct-order-1',
        status: 'shipped',
        amount: '60.00',
        currency: 'EUR',
      },
    });
  });

  it("uses the merchant's event name when configured", () => {
    const event = mapStatusToCustomEvent(
      'refunded',
      { ...summary, amount: refund },
      {
        events: { refunded: 'refund_done' },
        enabled: ['refunded'],
      },
    );
    expect(event).toMatchObject({ eventType: 'refund_done', additionalProperties: { amount: '12.50' } });
  });

  it('sends nothing for a status the merchant has not enabled', () => {
    expect(
      mapStatusToCustomEvent('delivered', summary, { events: {}, enabled: ['shipped'] }),
    ).toBeUndefined();
  });
});
