import { describe, expect, it } from 'vitest';
import { DETAILS, day, eur, event, T0 } from './order-facts.test-kit.js';
import { orderFactsFromLedger } from './order-facts-from-ledger.js';

describe('orderFactsFromLedger', () => {
  it('folds the order stream as process-commercetools-message records it', () => {
    const facts = orderFactsFromLedger(
      [
        event('purchase.reported', 0.01, { eventId: 'fb-1', amount: 10000 }),
        event('order.created', 0, { orderNumber: 'N1', createdAt: T0.toISOString(), total: eur(11900) }),
        event('order.shipment-state-changed', 3, { shipmentState: 'Shipped', oldShipmentState: 'Pending' }),
        event('order.payment-state-changed', 1, { paymentState: 'Paid' }),
        event('order.state-changed', 8, { orderState: 'Complete' }),
        event('order.return-added', 10, {
          returnInfo: { items: [{ id: 'ri1', quantity: 1, lineItemId: 'l1', shipmentState: 'Returned' }] },
        }),
        event('order.refund-transaction', 11, { transactionId: 't1', state: 'Pending', amount: eur(3570) }),
        event('order.refund-transaction', 12, { transactionId: 't1', state: 'Success', amount: eur(3570) }),
      ],
      DETAILS,
    );
    expect(facts).toMatchObject({
      placedAt: T0,
      purchaseReportedAt: day(0.01),
      reached: {
        orderState: { Complete: day(8) },
        shipmentState: { Shipped: day(3) },
        paymentState: { Paid: day(1) },
      },
      returns: [{ returnItemId: 'ri1', lineItemId: 'l1', quantity: 1, at: day(10) }],
      refunds: [{ transactionId: 't1', amount: eur(3570), at: day(12) }],
      netOrderValue: DETAILS.netOrderValue,
    });
    expect(facts.cancelledAt).toBeUndefined();
  });

  it('keeps the first time a state was reached, and the current cancellation', () => {
    const facts = orderFactsFromLedger(
      [
        event('order.state-changed', 5, { orderState: 'Cancelled' }),
        event('order.state-changed', 2, { orderState: 'Cancelled' }),
        event('order.state-changed', 3, { orderState: 'Open' }),
      ],
      DETAILS,
    );
    expect(facts.reached.orderState).toEqual({ Cancelled: day(2), Open: day(3) });
    expect(facts.cancelledAt).toEqual(day(5));
  });

  it('keeps return items seen earlier at their first time when a return-set repeats them', () => {
    const facts = orderFactsFromLedger(
      [
        event('order.return-added', 2, {
          returnInfo: { items: [{ id: 'a', quantity: 1, lineItemId: 'l1' }] },
        }),
        event('order.return-set', 4, {
          returnInfo: [
            { items: [{ id: 'a', quantity: 1, lineItemId: 'l1' }] },
            { items: [{ id: 'b', quantity: 1, customLineItemId: 'shipping' }] },
          ],
        }),
      ],
      DETAILS,
    );
    expect(facts.returns).toEqual([
      { returnItemId: 'a', lineItemId: 'l1', quantity: 1, at: day(2) },
      { returnItemId: 'b', lineItemId: 'shipping', quantity: 1, at: day(4) },
    ]);
  });

  it('passes over malformed or unknown events instead of failing the order', () => {
    const facts = orderFactsFromLedger(
      [
        event('order.created', 0, { createdAt: 'not a date' }),
        event('order.return-added', 1, { returnInfo: { items: [{ quantity: 1 }, 'junk'] } }),
        event('order.refund-transaction', 1, { state: 'Success', amount: { centAmount: 1.5 } }),
        event('order.state-changed', 1, { orderState: 42 }),
        event('customer.created', 1, {}),
        { type: 'toString', occurredAt: day(1).toISOString() },
      ],
      DETAILS,
    );
    expect(facts).toMatchObject({ placedAt: day(0), returns: [], refunds: [], reached: { orderState: {} } });
  });
});
