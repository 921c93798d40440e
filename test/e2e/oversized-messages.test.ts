// A message too large for its destination reaches the connector with `payloadNotIncluded` and without its body
// or `type` (commercetools API reference: MessageDeliveryPayload, PayloadNotIncluded and its example
// `{"reason": "Payload too large.", "payloadType": …}`). Such a delivery is acknowledged and recorded, what is
// missing is read from commercetools, and the order goes on as if it had come whole.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOB } from '../../src/flows/job-kinds.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { listJobs } from '../../src/store/outbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { deliver, friendbuyOrderId, publishedAbout, updateOrder } from '../helpers/deliveries.js';

/** The delivery commercetools sends for a message it could not fit: the common fields, no `type`, no body. */
function withoutPayload(message: {
  id: string;
  sequenceNumber: number;
  resource: { typeId: string; id: string };
  resourceVersion: number;
  type: string;
}) {
  return {
    notificationType: 'Message',
    projectKey: 'ct-friendbuy-sandbox',
    id: message.id,
    version: 1,
    sequenceNumber: message.sequenceNumber,
    resource: message.resource,
    resourceVersion: message.resourceVersion,
    resourceUserProvidedIdentifiers: {},
    createdAt: '2026-11-30T10:00:00.000Z',
    lastModifiedAt: '2026-11-30T10:00:00.000Z',
    payloadNotIncluded: { reason: 'Payload too large.', payloadType: message.type },
  };
}

describe('messages delivered without their payload', () => {
  let connector: TestConnector;
  const purchaseOf = (orderId: string) =>
    connector
      .friendbuyCalls('/v1/event/purchase')
      .find((call) => (call.body as { orderId: string }).orderId === orderId);
  const setMessageQuerying = async (enabled: boolean) => {
    const project = (await connector.api.get().execute()).body;
    await connector.api
      .post({
        body: {
          version: project.version,
          actions: [
            {
              action: 'changeMessagesConfiguration',
              messagesConfiguration: { enabled, deleteDaysAfterCreation: 15 },
            },
          ],
        },
      })
      .execute();
  };

  beforeAll(async () => {
    connector = await startTestConnector();
    // The test delivers by hand what the sandbox would push.
    connector.sandbox.commercetools.bridge.pause();
  });
  afterAll(async () => {
    await connector?.close();
  });
  beforeEach(async () => {
    await setMessageQuerying(false);
  });

  it('records an order created without its payload and reports the purchase, reading the order by id', async () => {
    const order = await placeDemoOrder(connector.api, { email: 'large.order@example.com' });
    const [created] = publishedAbout(connector, order.id);
    expect(created?.type).toBe('OrderCreated');

    expect(await deliver(connector.url, withoutPayload(created!))).toBe('recorded');

    const purchase = await eventually(() => purchaseOf(friendbuyOrderId(order)), 15_000, 'the purchase');
    expect(purchase.body).toMatchObject({ amount: 25, currency: 'USD', email: 'large.order@example.com' });
  });

  it('reads a message that cannot be rebuilt from its resource from the Messages API when querying is on', async () => {
    const order = await placeDemoOrder(connector.api, { email: 'shipped.large@example.com' });
    const [created] = publishedAbout(connector, order.id);
    await deliver(connector.url, created!);
    await eventually(() => purchaseOf(friendbuyOrderId(order)), 15_000, 'the purchase');
    await updateOrder(connector.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    const shipped = publishedAbout(connector, order.id).find((m) => m.type === 'OrderShipmentStateChanged')!;

    // Without message querying commercetools keeps no copy: the job stops with what to do, nothing is lost.
    expect(await deliver(connector.url, withoutPayload(shipped))).toBe('recorded');
    const stopped = await eventually(
      async () =>
        (await listJobs(connector.db, { kind: JOB.commercetoolsMessage.name, status: 'dead' })).find((job) =>
          job.lastError?.includes(shipped.id),
        ),
      15_000,
      'the job to stop',
    );
    expect(stopped.lastError).toMatch(/message querying/);

    await setMessageQuerying(true);
    const retried = await fetch(`${connector.url}/admin/api/outbox/retry`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [stopped.id] }),
    });
    expect(retried.status).toBe(200);
    const event = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/custom')
          .find(
            (call) =>
              (call.body as { deduplicationId: string }).deduplicationId ===
              `${friendbuyOrderId(order)}:shipped`,
          ),
      15_000,
      'the shipped event',
    );
    expect(event.body).toMatchObject({ eventType: 'order_shipped' });
  });

  it('keeps retrying, never dropping, while the order cannot be read yet', async () => {
    const orderId = randomUUID();
    const delivery = withoutPayload({
      id: randomUUID(),
      sequenceNumber: 1,
      resource: { typeId: 'order', id: orderId },
      resourceVersion: 1,
      type: 'OrderCreated',
    });
    expect(await deliver(connector.url, delivery)).toBe('recorded');
    const job = await eventually(
      async () =>
        (await listJobs(connector.db, { kind: JOB.commercetoolsMessage.name })).find(
          (j) => j.attempts > 0 && j.lastError?.includes(orderId),
        ),
      15_000,
      'a failed attempt',
    );
    expect(job.status).toBe('pending');
    expect(job.lastError).toMatch(/not found in commercetools yet/);
  });
});
