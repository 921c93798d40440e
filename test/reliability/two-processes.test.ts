// Two connector processes on one database, as when Connect scales the service out: both receive the same
// deliveries and both run workers, and still every order is reported once.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connector.js';
import type { SandboxMessage } from '../../src/sandbox/commercetools/create-sandbox.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { readStream } from '../../src/store/ledger.js';
import {
  eventually,
  startLiveConnector,
  startTestConnector,
  type TestConnector,
} from '../helpers/connector.js';
import { deliver, friendbuyOrderId, publishedAbout, updateOrder } from '../helpers/deliveries.js';
import { owedJobs } from '../helpers/outbox.js';

describe('two connector processes sharing one store', () => {
  // The first is a sandbox (it also hosts the emulated commercetools and Friendbuy); the second is a live
  // process of the same deployment pointed at them.
  let first: TestConnector;
  let second: Connector;
  beforeAll(async () => {
    first = await startTestConnector();
    first.sandbox.commercetools.bridge.pause();
    second = await startLiveConnector(first, first.store);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('reports an order delivered to both processes at once exactly once, and each status once', async () => {
    const placed: { order: Order; messages: SandboxMessage[] }[] = [];
    for (let i = 0; i < 4; i++) {
      const order = await placeDemoOrder(first.api, { email: `two-${randomUUID()}@example.com` });
      const shipped = await updateOrder(first.api, order, [
        { action: 'changeShipmentState', shipmentState: 'Shipped' },
      ]);
      placed.push({ order: shipped, messages: publishedAbout(first, order.id) });
    }

    // Each message reaches both processes concurrently, twice each (a redelivery racing the original).
    const outcomes = await Promise.all(
      placed.flatMap(({ messages }) =>
        messages.flatMap((message) =>
          [first.url, second.url, first.url, second.url].map((url) => deliver(url, message)),
        ),
      ),
    );
    const messageCount = placed.reduce((sum, { messages }) => sum + messages.length, 0);
    expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(messageCount);

    await eventually(
      async () => (await owedJobs(first.db, new Date())).every((job) => job.status === 'dead'),
      20_000,
      'both workers to empty the outbox',
    );
    expect(await owedJobs(first.db, new Date())).toEqual([]);

    for (const { order } of placed) {
      const orderId = friendbuyOrderId(order);
      const calls = first.sandbox.friendbuy.requests();
      const purchases = calls.filter(
        (call) =>
          call.path === '/v1/event/purchase' && (call.body as { orderId: string }).orderId === orderId,
      );
      expect(purchases.map((call) => call.status)).toEqual([201]);
      const shipped = calls.filter(
        (call) =>
          call.path === '/v1/event/custom' &&
          (call.body as { deduplicationId: string }).deduplicationId === `${orderId}:shipped`,
      );
      expect(shipped.map((call) => call.status)).toEqual([201]);
      const ours = ['order.created', 'order.shipment-state-changed', 'purchase.reported', 'status.reported'];
      const facts = (await readStream(first.db, `order:${order.id}`)).map((event) => event.type);
      expect(facts.filter((type) => ours.includes(type)).sort()).toEqual(ours.sort());
    }
  });
});
