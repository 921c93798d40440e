// commercetools allows an order with `customerId` and no `customerEmail` (the API reference's Order example,
// order.example.json, is one). Its purchase and status reports carry the customer's email; an order nobody can be
// reached at is not reported, and each such skip is a fact on its timeline, counted for operators.
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from '../../src/sandbox/commercetools/create-sandbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { signUp } from '../helpers/customers.js';
import { friendbuyOrderId, updateOrder } from '../helpers/deliveries.js';

describe('orders without an email', () => {
  let connector: TestConnector;
  /** The admin API's answer, or undefined while it has none (404: the order is not known yet). */
  const admin = async <T>(path: string): Promise<T | undefined> => {
    const response = await fetch(`${connector.url}${path}`, {
      headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
    });
    if (response.status === 404) return undefined;
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  /** An order as the API reference shows one: the customer named by id, no customerEmail. */
  const placeOrder = async (who: { customerId?: string; anonymousId?: string }): Promise<Order> => {
    const us = SANDBOX_MARKETS.us;
    const inStore = connector.api.inStoreKeyWithStoreKeyValue({ storeKey: us.storeKey });
    const { body: cart } = await inStore
      .carts()
      .post({
        body: {
          currency: us.currency,
          country: us.country,
          ...who,
          lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
          shippingAddress: { country: us.country },
        },
      })
      .execute();
    const { body: order } = await inStore
      .orders()
      .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: cart.version } })
      .execute();
    expect(order.customerEmail).toBeUndefined();
    return order;
  };
  const shippedEvent = (order: Order) =>
    connector
      .friendbuyCalls('/v1/event/custom')
      .find(
        (call) =>
          (call.body as { deduplicationId: string }).deduplicationId === `${friendbuyOrderId(order)}:shipped`,
      );

  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it("reports the purchase and its status with the customer's email", async () => {
    const customer = await signUp(connector, 'Kim.Customer@example.com');
    const order = await placeOrder({ customerId: customer.id });
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId: string }).orderId === friendbuyOrderId(order)),
      15_000,
      'the purchase',
    );
    expect(purchase.body).toMatchObject({ customerId: customer.id, email: customer.email });

    await updateOrder(connector.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    const shipped = await eventually(() => shippedEvent(order), 15_000, 'the shipped event');
    expect(shipped.body).toMatchObject({ eventType: 'order_shipped', email: customer.email });
  });

  it('records every report it cannot send on the timeline, with its reason, and counts it', async () => {
    const order = await placeOrder({ anonymousId: `anon-${Date.now()}` });
    await updateOrder(connector.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);

    type Timeline = { events: { type: string; data: Record<string, unknown> }[] };
    const skipped = await eventually(
      async () => {
        const timeline = await admin<Timeline>(`/admin/api/orders/${order.id}/timeline`);
        const skips = timeline?.events.filter((event) => event.type === 'report.skipped') ?? [];
        return skips.length === 2 ? skips.map((event) => event.data) : undefined;
      },
      15_000,
      'two skipped reports on the timeline',
    );
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ report: 'purchase', reason: 'missingCustomerIdentity' }),
        expect.objectContaining({ report: 'status', status: 'shipped', reason: 'noEmail' }),
      ]),
    );
    expect(shippedEvent(order)).toBeUndefined();
    const counts = await admin<{ skipped: Record<string, number> }>('/admin/api/reports/skipped');
    expect(counts?.skipped).toMatchObject({ 'purchase:missingCustomerIdentity': 1, 'status:noEmail': 1 });
  });
});
