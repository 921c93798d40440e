// Gap detection: a resource's message sequence shows a hole that is still open an hour later, so the window is
// reconciled on its own, and the order whose OrderCreated never arrived reaches Friendbuy through the repair.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDeliveryGaps } from '../../src/flows/reconciliation/detect-gaps.js';
import { importSandboxOrders } from '../../src/sandbox/import-orders.js';
import { listFindings } from '../../src/store/reconciliation.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { deliver, friendbuyOrderId } from '../helpers/deliveries.js';
import { flowDepsOf } from '../helpers/flow-deps.js';
import { settleOutbox } from '../helpers/outbox.js';

describe('gap detection', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('reconciles the window of a sequence hole still open after an hour, once', async () => {
    // The order's first message (OrderCreated, sequence number 1) was lost; its second one arrives.
    const [order] = await importSandboxOrders(connector.api, { count: 1 });
    const stateChanged = {
      notificationType: 'Message',
      projectKey: connector.sandbox.urls.projectKey,
      id: randomUUID(),
      version: 1,
      sequenceNumber: 2,
      resource: { typeId: 'order', id: order!.id },
      resourceVersion: 2,
      type: 'OrderStateChanged',
      orderState: 'Confirmed',
      oldOrderState: 'Open',
      createdAt: connector.clock.now().toISOString(),
      lastModifiedAt: connector.clock.now().toISOString(),
    };
    expect(await deliver(connector.url, stateChanged)).toBe('recorded');
    const deps = await flowDepsOf(connector);

    // Within the hour the hole may still fill: nothing yet.
    expect(await detectDeliveryGaps(deps)).toMatchObject({ holes: 0, scheduled: [] });

    connector.sandbox.clock.advance(61 * 60_000);
    const check = await detectDeliveryGaps(deps);
    expect(check).toMatchObject({ holes: 1, gaps: 1 });
    expect(check.scheduled).toHaveLength(1);
    // Judged once: the next check schedules nothing more.
    expect(await detectDeliveryGaps(deps)).toMatchObject({ holes: 0, scheduled: [] });

    await settleOutbox(connector);
    const purchases = connector
      .friendbuyCalls('/v1/event/purchase')
      .filter((call) => (call.body as { orderId: string }).orderId === friendbuyOrderId(order!));
    expect(purchases).toHaveLength(1);
    expect(await listFindings(connector.db, { cause: 'never-delivered' })).toEqual([
      expect.objectContaining({ subject: `order:${order!.id}`, repair: expect.stringContaining('replayed') }),
    ]);
  });
});
