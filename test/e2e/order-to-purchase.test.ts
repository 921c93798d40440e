import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { readStream } from '../../src/store/ledger.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { updateOrder } from '../helpers/deliveries.js';

describe('sandbox: a commercetools order reaches Friendbuy as one purchase', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('reports the order with its net amount, attribution and products, and marks the order reported', async () => {
    const order = await placeDemoOrder(connector.api, {
      email: 'Jane.Doe+shop@Example.com',
      items: [
        { sku: 'FB-TEE-001', quantity: 2 },
        { sku: 'FB-MUG-001', quantity: 1 },
      ],
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: { [ORDER_FIELDS.referralCode]: 'janefriend', [ORDER_FIELDS.attributionId]: 'attr-123' },
      },
    });
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find(
            (call) =>
              call.body && (call.body as { orderId: string }).orderId === (order.orderNumber ?? order.id),
          ),
      15_000,
      'the purchase at Friendbuy',
    );
    expect(purchase.body).toMatchObject({
      orderId: order.orderNumber ?? order.id,
      amount: 64,
      currency: 'USD',
      email: 'Jane.Doe+shop@Example.com',
      isNewCustomer: true,
      referralCode: 'janefriend',
      attributionId: 'attr-123',
      products: [
        { sku: 'FB-TEE-001', quantity: 2, price: 25 },
        { sku: 'FB-MUG-001', quantity: 1, price: 14 },
      ],
      additionalProperties: { commercetoolsOrderId: order.id, storeKey: 'us' },
    });
    expect((purchase.body as { customerId: string }).customerId).toMatch(/^guest_[0-9a-f]{32}$/);

    const reported = await eventually(
      async () => {
        const current = await getOrder(connector.api, order.id);
        return current?.custom?.fields[ORDER_FIELDS.purchaseReportStatus] === 'reported'
          ? current
          : undefined;
      },
      15_000,
      'the purchase report status on the order',
    );
    expect(reported.custom?.fields[ORDER_FIELDS.purchaseEventId]).toEqual(expect.any(String));

    const events = await readStream(connector.db, `order:${order.id}`);
    expect(events.map((event) => event.type)).toEqual([
      'order.created',
      'purchase.attempted',
      'purchase.reported',
    ]);
  });

  it('reports a second order by the same shopper (a gmail variant) as not new', async () => {
    await placeDemoOrder(connector.api, { email: 'sam.smith@gmail.com' });
    await eventually(
      () => connector.friendbuyCalls('/v1/event/purchase').length >= 2,
      15_000,
      'first purchase',
    );
    const second = await placeDemoOrder(connector.api, { email: 'SamSmith+promo@googlemail.com' });
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId: string }).orderId === (second.orderNumber ?? second.id)),
      15_000,
      'second purchase',
    );
    expect((purchase.body as { isNewCustomer: boolean }).isNewCustomer).toBe(false);
  });

  it('reports key status changes as custom events, once each', async () => {
    const order = await placeDemoOrder(connector.api, { email: 'status@example.com' });
    await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .some((call) => (call.body as { orderId: string }).orderId === (order.orderNumber ?? order.id)),
      15_000,
      'purchase',
    );
    // The connector writes its report status onto the order meanwhile; updateOrder re-reads on a conflict.
    await updateOrder(connector.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    const shipped = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/custom')
          .find(
            (call) =>
              (call.body as { deduplicationId: string }).deduplicationId ===
              `${order.orderNumber ?? order.id}:shipped`,
          ),
      15_000,
      'the shipped event',
    );
    expect(shipped.body).toMatchObject({ eventType: 'order_shipped', email: 'status@example.com' });
    await connector.sandbox.commercetools.bridge.idle();
    await connector.workers.drain();
    expect(
      connector
        .friendbuyCalls('/v1/event/custom')
        .filter(
          (call) =>
            (call.body as { deduplicationId: string }).deduplicationId ===
            `${order.orderNumber ?? order.id}:shipped`,
        ),
    ).toHaveLength(1);
  });
});
