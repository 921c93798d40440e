import type { ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyPayload, decodeDelivery, type PlatformPayload } from '../../commercetools/envelope.js';
import { createMessageBridge, type MessageBridge } from './message-bridge.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from './seed.js';
import { type RunningSandbox, startSandbox } from './test-support.js';

interface Received {
  messageId: string;
  payload: PlatformPayload;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A stand-in for the connector's /events/commercetools: answers with the scripted statuses, then 200. */
async function startReceiver(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const app: FastifyInstance = Fastify();
  app.post('/events/commercetools', async (request, reply) => {
    const decoded = decodeDelivery(request.body, request.headers['content-type'] ?? '');
    if (!decoded.ok) throw new Error(decoded.reason);
    received.push({
      messageId: (request.body as { message: { messageId: string } }).message.messageId,
      ...decoded,
    });
    return reply.code(statuses.shift() ?? 200).send();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => app.close());
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/events/commercetools?token=t`, received };
}

async function seededSandbox(): Promise<RunningSandbox> {
  const r = await startSandbox({ seed: true, bridgeRetry: { initialDelayMs: 20 } });
  closers.push(r.close);
  return r;
}

async function placeOrder(apiRoot: ByProjectKeyRequestBuilder) {
  const us = SANDBOX_MARKETS.us;
  const { body: cart } = await apiRoot
    .inStoreKeyWithStoreKeyValue({ storeKey: us.storeKey })
    .carts()
    .post({
      body: { currency: us.currency, country: us.country, lineItems: [{ sku: SANDBOX_PRODUCTS[1].sku }] },
    })
    .execute();
  const { body: order } = await apiRoot
    .orders()
    .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: cart.version } })
    .execute();
  return order;
}

function summary(payload: PlatformPayload) {
  const classified = classifyPayload(payload);
  if (!classified.ok || classified.value.kind !== 'message') throw new Error('not a message');
  return [classified.value.type, classified.value.sequenceNumber];
}

describe('commercetools message bridge', () => {
  it('pushes OrderCreated then OrderShipmentStateChanged with sequence numbers 1, 2 and redelivers after a 500', async () => {
    const receiver = await startReceiver([500]);
    const { apiRoot, sandbox } = await seededSandbox();
    sandbox.bridge.deliverTo(receiver.url);

    const order = await placeOrder(apiRoot);
    await apiRoot
      .orders()
      .withId({ ID: order.id })
      .post({
        body: {
          version: order.version,
          actions: [{ action: 'changeShipmentState', shipmentState: 'Shipped' }],
        },
      })
      .execute();
    await sandbox.bridge.idle();

    // The first push got a 500 and came again later, as the same Pub/Sub message; a failed message does not
    // hold back the next one, so the redelivery may arrive after OrderShipmentStateChanged.
    const attempts = receiver.received.map((r) => ({ messageId: r.messageId, summary: summary(r.payload) }));
    expect(attempts).toHaveLength(3);
    expect(attempts[0]?.summary).toEqual(['OrderCreated', 1]);
    const createdAttempts = attempts.filter((a) => a.summary[0] === 'OrderCreated');
    expect(createdAttempts.map((a) => a.messageId)).toEqual([attempts[0]?.messageId, attempts[0]?.messageId]);
    expect(attempts.filter((a) => a.summary[0] !== 'OrderCreated').map((a) => a.summary)).toEqual([
      ['OrderShipmentStateChanged', 2],
    ]);
    const created = receiver.received[0]?.payload;
    const shipped = receiver.received.find((r) => r.payload['type'] === 'OrderShipmentStateChanged')?.payload;
    expect(created).toMatchObject({
      notificationType: 'Message',
      projectKey: 'sandbox-test',
      version: 1,
      resource: { typeId: 'order', id: order.id },
      resourceVersion: order.version,
      resourceUserProvidedIdentifiers: { orderNumber: order.orderNumber },
      order: { id: order.id },
    });
    expect(shipped).toMatchObject({ shipmentState: 'Shipped', resourceVersion: order.version + 1 });
    expect(shipped).not.toHaveProperty('oldShipmentState');
  });

  it('delivers a message over the destination limit without its payload, and keeps it for the Messages API', async () => {
    const receiver = await startReceiver();
    const { apiRoot, sandbox } = await seededSandbox();
    sandbox.bridge.configure({ maxPayloadBytes: 1024 });
    sandbox.bridge.deliverTo(receiver.url);

    const order = await placeOrder(apiRoot);
    await sandbox.bridge.idle();

    const [delivered] = receiver.received.map((r) => r.payload);
    expect(delivered).toMatchObject({
      notificationType: 'Message',
      resource: { typeId: 'order', id: order.id },
      sequenceNumber: 1,
      payloadNotIncluded: { reason: 'Payload too large.', payloadType: 'OrderCreated' },
    });
    expect(delivered).not.toHaveProperty('type');
    expect(delivered).not.toHaveProperty('order');

    // commercetools keeps messages only while message querying is on.
    const byId = () =>
      apiRoot
        .messages()
        .withId({ ID: String(delivered?.['id']) })
        .get()
        .execute();
    await expect(byId()).rejects.toMatchObject({ statusCode: 404 });
    const { body: project } = await apiRoot.get().execute();
    await apiRoot
      .post({
        body: {
          version: project.version,
          actions: [
            {
              action: 'changeMessagesConfiguration',
              messagesConfiguration: { enabled: true, deleteDaysAfterCreation: 15 },
            },
          ],
        },
      })
      .execute();
    const { body: stored } = await byId();
    expect(stored).toMatchObject({ type: 'OrderCreated', order: { id: order.id }, sequenceNumber: 1 });
    expect(stored).not.toHaveProperty('notificationType');
  });

  it('sends every message twice when the duplicate rate is 1, as separate Pub/Sub messages', async () => {
    const receiver = await startReceiver();
    const { apiRoot, sandbox } = await seededSandbox();
    sandbox.bridge.configure({ duplicateRate: 1 });
    sandbox.bridge.deliverTo(receiver.url);

    const { body } = await apiRoot
      .customers()
      .post({ body: { email: 'Advocate@Example.com', password: 'x' } })
      .execute();
    await sandbox.bridge.idle();

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(first?.payload).toEqual(second?.payload);
    expect(first?.messageId).not.toBe(second?.messageId);
    expect(first?.payload).toMatchObject({ type: 'CustomerCreated', customer: { id: body.customer.id } });
    expect(first?.payload['customer']).not.toHaveProperty('password');
    expect(sandbox.bridge.published()).toHaveLength(1);
  });

  it('derives state, return and payment messages from update actions, with the old states', async () => {
    const receiver = await startReceiver();
    const { apiRoot, sandbox } = await seededSandbox();
    sandbox.bridge.deliverTo(receiver.url);
    const order = await placeOrder(apiRoot);
    const money = { currencyCode: 'USD', centAmount: 1400 };
    const { body: payment } = await apiRoot
      .payments()
      .post({ body: { amountPlanned: money } })
      .execute();

    const { body: updated } = await apiRoot
      .orders()
      .withId({ ID: order.id })
      .post({
        body: {
          version: order.version,
          actions: [
            { action: 'changeOrderState', orderState: 'Confirmed' },
            { action: 'changeOrderState', orderState: 'Complete' },
            { action: 'changePaymentState', paymentState: 'Paid' },
            { action: 'addPayment', payment: { typeId: 'payment', id: payment.id } },
            {
              action: 'addReturnInfo',
              items: [{ quantity: 1, lineItemId: order.lineItems[0]!.id, shipmentState: 'Returned' }],
            },
          ],
        },
      })
      .execute();
    const { body: charged } = await apiRoot
      .payments()
      .withId({ ID: payment.id })
      .post({
        body: {
          version: payment.version,
          actions: [
            { action: 'addTransaction', transaction: { type: 'Refund', amount: money, state: 'Pending' } },
          ],
        },
      })
      .execute();
    const transactionId = charged.transactions[0]!.id;
    await apiRoot
      .payments()
      .withId({ ID: payment.id })
      .post({
        body: {
          version: charged.version,
          actions: [{ action: 'changeTransactionState', transactionId, state: 'Success' }],
        },
      })
      .execute();
    await sandbox.bridge.idle();

    const byType = Object.fromEntries(receiver.received.map((r) => [r.payload['type'], r.payload]));
    expect(receiver.received.map((r) => summary(r.payload))).toEqual([
      ['OrderCreated', 1],
      ['OrderStateChanged', 2],
      ['OrderStateChanged', 3],
      ['OrderPaymentStateChanged', 4],
      ['OrderPaymentAdded', 5],
      ['ReturnInfoAdded', 6],
      ['PaymentTransactionAdded', 1],
      ['PaymentTransactionStateChanged', 2],
    ]);
    expect(receiver.received[2]?.payload).toMatchObject({
      orderState: 'Complete',
      oldOrderState: 'Confirmed',
    });
    expect(byType['OrderPaymentAdded']).toMatchObject({ paymentRef: { typeId: 'payment', id: payment.id } });
    expect(byType['ReturnInfoAdded']).toMatchObject({ returnInfo: updated.returnInfo?.[0] });
    expect(byType['PaymentTransactionAdded']).toMatchObject({
      resource: { typeId: 'payment', id: payment.id },
      transaction: { id: transactionId, type: 'Refund', state: 'Pending' },
    });
    expect(byType['PaymentTransactionStateChanged']).toMatchObject({ transactionId, state: 'Success' });
  });

  it('publishes nothing for failed writes', async () => {
    const receiver = await startReceiver();
    const { apiRoot, sandbox } = await seededSandbox();
    sandbox.bridge.deliverTo(receiver.url);
    const order = await placeOrder(apiRoot);
    const stale = apiRoot
      .orders()
      .withId({ ID: order.id })
      .post({
        body: {
          version: order.version + 5,
          actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }],
        },
      })
      .execute();
    await expect(stale).rejects.toMatchObject({ statusCode: 409 });
    await sandbox.bridge.idle();
    expect(sandbox.bridge.published().map((m) => m.type)).toEqual(['OrderCreated']);
  });
});

describe('message bridge delivery settings', () => {
  function bridgeWith(random: () => number): MessageBridge {
    const bridge = createMessageBridge({ projectKey: 'p', random });
    closers.push(async () => bridge.stop());
    return bridge;
  }
  const drafts = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      resource: { typeId: 'customer' as const, id: `c-${i}` },
      resourceVersion: 1,
      body: { type: 'CustomerCreated' as const, customer: { id: `c-${i}` } as never },
    }));

  it('holds and shuffles a small batch when reordering', async () => {
    const receiver = await startReceiver();
    const bridge = bridgeWith(() => 0);
    bridge.configure({ reorder: true });
    bridge.deliverTo(receiver.url);
    bridge.publish(drafts(5));
    await bridge.idle();
    const order = receiver.received.map((r) => r.payload.resource.id);
    expect([...order].sort()).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
    expect(order).not.toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
  });

  it('keeps messages while paused and delivers them on resume', async () => {
    const receiver = await startReceiver();
    const bridge = bridgeWith(Math.random);
    bridge.deliverTo(receiver.url);
    bridge.pause();
    bridge.publish(drafts(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    bridge.resume();
    await bridge.idle();
    expect(receiver.received).toHaveLength(2);
  });
});
