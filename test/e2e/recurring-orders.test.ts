// Orders a commercetools Recurring Order creates are announced by OrderCreatedFromRecurringOrder, never by
// OrderCreated (API reference: OrderCreatedFromRecurringOrderMessage, with `order` and `recurringOrderRef`).
// By default they are Friendbuy purchases marked `recurring`; a campaign may choose not to report them.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CAMPAIGNS } from '../../src/campaigns/load.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { SANDBOX_PRODUCTS } from '../../src/sandbox/commercetools/create-sandbox.js';
import { startConnectorWithCampaigns } from '../helpers/campaigns.js';
import { eventually, type TestConnector } from '../helpers/connector.js';
import { deliver } from '../helpers/deliveries.js';

const [us, eu] = SANDBOX_CAMPAIGNS.campaigns;

describe('orders from recurring orders', () => {
  let connector: TestConnector;

  /** An order as a recurring order's schedule creates it (origin RecurringOrder), without any message. */
  const scheduledOrder = async (store: 'us' | 'eu', email: string): Promise<Order> => {
    const currencyCode = store === 'us' ? 'USD' : 'EUR';
    const product = SANDBOX_PRODUCTS[0];
    const price = { currencyCode, centAmount: 2500 };
    const { body } = await connector.api
      .orders()
      .importOrder()
      .post({
        body: {
          orderNumber: `R-${randomUUID().slice(0, 8)}`,
          customerEmail: email,
          store: { typeId: 'store', key: store },
          origin: 'RecurringOrder',
          totalPrice: price,
          lineItems: [
            {
              name: { 'en-US': product.name[0] },
              variant: { sku: product.sku },
              price: { value: price },
              quantity: 1,
            },
          ],
        },
      })
      .execute();
    return body;
  };
  const message = (order: Order, recurringOrderId: string) => ({
    notificationType: 'Message',
    projectKey: 'ct-friendbuy-sandbox',
    id: randomUUID(),
    version: 1,
    sequenceNumber: 1,
    resource: { typeId: 'order', id: order.id },
    resourceVersion: order.version,
    resourceUserProvidedIdentifiers: { orderNumber: order.orderNumber },
    type: 'OrderCreatedFromRecurringOrder',
    order,
    recurringOrderRef: { typeId: 'recurring-order', id: recurringOrderId },
    createdAt: order.createdAt,
    lastModifiedAt: order.createdAt,
  });

  beforeAll(async () => {
    connector = await startConnectorWithCampaigns({
      campaigns: [us, { ...eu, recurringOrders: 'skip' }],
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('reports a scheduled order as a purchase marked recurring', async () => {
    const order = await scheduledOrder('us', 'subscriber@example.com');
    expect(await deliver(connector.url, message(order, 'recurring-1'))).toBe('recorded');
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId: string }).orderId === order.orderNumber),
      15_000,
      'the purchase',
    );
    expect(purchase.body).toMatchObject({
      email: 'subscriber@example.com',
      additionalProperties: { recurring: 'true', recurringOrderId: 'recurring-1' },
    });
  });

  it("skips it when the order's campaign does not report recurring orders, and says so on the timeline", async () => {
    const order = await scheduledOrder('eu', 'abonnent@example.com');
    expect(await deliver(connector.url, message(order, 'recurring-2'))).toBe('recorded');
    const skip = await eventually(
      async () => {
        const response = await fetch(`${connector.url}/admin/api/orders/${order.id}/timeline`, {
          headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
        });
        const timeline = (await response.json()) as { events?: { type: string; data: object }[] };
        return timeline.events?.find((event) => event.type === 'report.skipped');
      },
      15_000,
      'the skipped report',
    );
    expect(skip.data).toMatchObject({ report: 'purchase', reason: 'recurringOrder' });
    expect(
      connector
        .friendbuyCalls('/v1/event/purchase')
        .some((call) => (call.body as { orderId: string }).orderId === order.orderNumber),
    ).toBe(false);
  });
});
