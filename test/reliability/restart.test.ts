// Crashes between recording and effect: a process that dies after acknowledging a message, or in the middle of
// a job, or after the effect but before marking the job done, loses nothing and doubles nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../src/clock.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import type { Connector } from '../../src/connector.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { claimJobs } from '../../src/store/outbox.js';
import {
  eventually,
  startLiveConnector,
  startTestConnector,
  type TestConnector,
} from '../helpers/connector.js';
import { deliver, friendbuyOrderId, publishedAbout, updateOrder } from '../helpers/deliveries.js';
import { owedJobs, settleOutbox } from '../helpers/outbox.js';

describe('a connector process that crashes', () => {
  // The sandbox connector plays commercetools and Friendbuy, which outlive the connector's processes; its own
  // workers stay off so only the processes under test act on the shared store.
  let world: TestConnector;
  beforeAll(async () => {
    world = await startTestConnector({ OUTBOX_WORKERS: 'false' });
  });
  afterAll(async () => {
    await world?.close();
  });

  const eventsUrl = (connector: Connector) =>
    `${connector.url}/events/commercetools?token=${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`;
  const successfulCalls = (path: string, match: (body: Record<string, unknown>) => boolean) =>
    world.friendbuyCalls(path).filter((call) => match(call.body as Record<string, unknown>));
  const allJobsDone = async (connector: Connector) =>
    (await owedJobs(connector.db, connector.clock.now())).length === 0;

  it('reports a purchase once after dying between acknowledging the message and acting on it', async () => {
    const bridge = world.sandbox.commercetools.bridge;
    const crashing = await startLiveConnector(world, world.store, { OUTBOX_WORKERS: 'false' });
    bridge.deliverTo(eventsUrl(crashing));
    const order = await placeDemoOrder(world.api, { email: `restart-${randomUUID()}@example.com` });
    await updateOrder(world.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    await bridge.idle();
    const recorded = await world.db.query('SELECT 1 FROM inbox WHERE resource_id = $1', [order.id]);
    expect(recorded.rowCount).toBe(2);
    // Killed: the messages were acknowledged, none of their jobs ran.
    await crashing.close();

    const restarted = await startLiveConnector(world, world.store);
    try {
      bridge.deliverTo(eventsUrl(restarted));
      const orderId = friendbuyOrderId(order);
      await eventually(() => allJobsDone(restarted), 15_000, 'the restarted process to run the jobs');
      // Delivery is at least once: a late redelivery of what the dead process acknowledged changes nothing.
      expect(await deliver(restarted.url, publishedAbout(world, order.id)[0]!)).toBe('duplicate');
      await eventually(() => allJobsDone(restarted), 15_000, 'the outbox to be empty again');

      expect(successfulCalls('/v1/event/purchase', (body) => body.orderId === orderId)).toHaveLength(1);
      expect(
        successfulCalls('/v1/event/custom', (body) => body.deduplicationId === `${orderId}:shipped`),
      ).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('hands a job whose process died mid-run to another process once its lease runs out', async () => {
    world.sandbox.commercetools.bridge.deliverTo(eventsUrl(world));
    const order = await placeDemoOrder(world.api, { email: `lease-${randomUUID()}@example.com` });
    await world.sandbox.commercetools.bridge.idle();
    // A process claims the message's job and dies without finishing or failing it.
    const [claimed] = await claimJobs(world.db, {
      workerId: 'worker-that-died',
      now: new Date(),
      limit: 1,
      leaseMs: 120_000,
    });
    expect(claimed?.payload).toEqual({ inboxId: expect.any(Number) });

    const clock = new AdjustableClock();
    const survivor = await startLiveConnector(world, world.store, {}, { clock });
    try {
      const orderId = friendbuyOrderId(order);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(successfulCalls('/v1/event/purchase', (body) => body.orderId === orderId)).toEqual([]);

      clock.advance(121_000);
      await eventually(
        () => successfulCalls('/v1/event/purchase', (body) => body.orderId === orderId).length > 0,
        15_000,
        'the purchase after the lease ran out',
      );
      await eventually(() => allJobsDone(survivor), 15_000, 'the outbox to be empty');
      expect(successfulCalls('/v1/event/purchase', (body) => body.orderId === orderId)).toHaveLength(1);
      const job = await world.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM outbox WHERE id = $1',
        [claimed!.id],
      );
      expect(job.rows).toEqual([{ status: 'done', attempts: 2 }]);
    } finally {
      await survivor.close();
    }
  });

  it('reports nothing again when jobs whose reports were recorded run a second time', async () => {
    world.sandbox.commercetools.bridge.deliverTo(eventsUrl(world));
    const order = await placeDemoOrder(world.api, { email: `rerun-${randomUUID()}@example.com` });
    await updateOrder(world.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
    await world.sandbox.commercetools.bridge.idle();
    await settleOutbox(world);
    const orderId = friendbuyOrderId(order);
    const purchases = () => successfulCalls('/v1/event/purchase', (body) => body.orderId === orderId);
    const shipped = () =>
      successfulCalls('/v1/event/custom', (body) => body.deduplicationId === `${orderId}:shipped`);
    expect([purchases().length, shipped().length]).toEqual([1, 1]);

    // The process died after recording each report on the ledger but before marking its job done.
    const reset = await world.db.query(
      `UPDATE outbox SET status = 'pending', done_at = NULL, run_after = $2
       WHERE kind IN ('friendbuy.purchase', 'friendbuy.order-status') AND payload ->> 'orderId' = $1
       RETURNING kind`,
      [order.id, world.clock.now()],
    );
    expect(reset.rowCount).toBe(2);
    await settleOutbox(world);

    expect([purchases().length, shipped().length]).toEqual([1, 1]);
    expect(await owedJobs(world.db, world.clock.now())).toEqual([]);
  });
});
