// Messages arrive unordered; Friendbuy still sees each order's purchase before its status events, and an order
// waiting for its purchase holds up no other order.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { deliver, friendbuyOrderId, publishedAbout, updateOrder } from '../helpers/deliveries.js';
import { settleOutbox } from '../helpers/outbox.js';

describe('order of Friendbuy effects per order', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    connector.sandbox.commercetools.bridge.pause();
  });
  afterAll(async () => {
    await connector?.close();
  });

  const calls = (order: Order) =>
    connector.sandbox.friendbuy
      .requests()
      .filter((call) => {
        const body = call.body as { orderId?: string; deduplicationId?: string } | undefined;
        return (
          body?.orderId === friendbuyOrderId(order) ||
          body?.deduplicationId?.startsWith(`${friendbuyOrderId(order)}:`)
        );
      })
      .map((call) => call.path);

  it('sends a status that arrived before its order only after the purchase, without delaying other orders', async () => {
    const email = () => `unordered-${randomUUID()}@example.com`;
    const late = await placeDemoOrder(connector.api, { email: email() });
    await updateOrder(connector.api, late, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    const other = await placeDemoOrder(connector.api, { email: email() });
    const [created, shipped] = publishedAbout(connector, late.id);
    expect([created?.type, shipped?.type]).toEqual(['OrderCreated', 'OrderShipmentStateChanged']);

    // The shipment arrives first; meanwhile another order comes and is reported.
    await deliver(connector.url, shipped!);
    for (const message of publishedAbout(connector, other.id)) await deliver(connector.url, message);
    await settleOutbox(connector, 5).catch(() => undefined); // the waiting status job keeps retrying
    expect(calls(late)).toEqual([]);
    expect(calls(other)).toEqual(['/v1/event/purchase']);

    await deliver(connector.url, created!);
    await settleOutbox(connector);
    expect(calls(late)).toEqual(['/v1/event/purchase', '/v1/event/custom']);
  });
});
