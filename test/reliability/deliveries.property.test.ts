// "Nothing lost, nothing doubled" under at-least-once, unordered delivery: whatever mix of duplicates, reorderings
// and concurrent pushes the broker produces, each order reaches Friendbuy as one purchase and one event per
// status, and the store keeps each message and each fact once.
import { randomUUID } from 'node:crypto';
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusKey } from '../../src/domain/order-status.js';
import type { SandboxMessage } from '../../src/sandbox/commercetools/create-sandbox.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import {
  deliver,
  friendbuyOrderId,
  type IntakeStatus,
  publishedAbout,
  updateOrder,
} from '../helpers/deliveries.js';
import { owedJobs, settleOutbox } from '../helpers/outbox.js';

/** What the merchant may do to an order after it is placed; each change is one commercetools message. */
const CHANGES = {
  ship: {
    action: { action: 'changeShipmentState', shipmentState: 'Shipped' },
    message: 'OrderShipmentStateChanged',
    fact: 'order.shipment-state-changed',
    status: 'shipped',
  },
  deliver: {
    action: { action: 'changeShipmentState', shipmentState: 'Delivered' },
    message: 'OrderShipmentStateChanged',
    fact: 'order.shipment-state-changed',
    status: 'delivered',
  },
  // A message that is recorded as a fact but announces nothing to Friendbuy.
  confirm: {
    action: { action: 'changeOrderState', orderState: 'Confirmed' },
    message: 'OrderStateChanged',
    fact: 'order.state-changed',
    status: undefined,
  },
  cancel: {
    action: { action: 'changeOrderState', orderState: 'Cancelled' },
    message: 'OrderStateChanged',
    fact: 'order.state-changed',
    status: 'cancelled',
  },
} satisfies Record<
  string,
  { action: OrderUpdateAction; message: string; fact: string; status: StatusKey | undefined }
>;
type Change = keyof typeof CHANGES;
const CHANGE_NAMES = Object.keys(CHANGES) as Change[];

/** One message of the scenario: `message` 0 is the order's OrderCreated, `message` i its i-th change. */
interface Slot {
  order: number;
  message: number;
}
interface PlacedOrder {
  order: Order;
  changes: Change[];
  /** What commercetools emitted about the order, in sequence order. */
  messages: SandboxMessage[];
}
/** After a push: the next one goes out with it, after it, or after it while the workers drain. */
type Gap = 'together' | 'then' | 'drain';

const scenarios = fc.array(fc.subarray(CHANGE_NAMES), { minLength: 1, maxLength: 3 }).chain((orders) => {
  const slots: Slot[] = orders.flatMap((changes, order) =>
    Array.from({ length: changes.length + 1 }, (_, message) => ({ order, message })),
  );
  const redeliveries = fc.array(fc.constantFrom(...slots), { maxLength: slots.length });
  return redeliveries
    .chain((extra) => {
      const all = [...slots, ...extra];
      return fc.tuple(
        fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
        fc.array(fc.constantFrom<Gap>('together', 'then', 'drain'), {
          minLength: all.length,
          maxLength: all.length,
        }),
      );
    })
    .map(([pushes, gaps]) => ({
      orders,
      pushes: pushes.map((slot, index) => ({ ...slot, gap: gaps[index]! })),
      distinct: slots.length,
    }));
});

describe('commercetools deliveries duplicated, reordered and concurrent', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    // Workers off: the scenario decides when jobs run, and drains overlap with the pushes that follow them.
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    connector.sandbox.commercetools.bridge.pause();
  });
  afterAll(async () => {
    await connector?.close();
  });

  /** Places the orders, applies their changes, and returns each order with the messages commercetools emitted. */
  async function placeOrders(orders: Change[][]): Promise<PlacedOrder[]> {
    const placed: PlacedOrder[] = [];
    for (const changes of orders) {
      let order = await placeDemoOrder(connector.api, { email: `shopper-${randomUUID()}@example.com` });
      for (const change of changes) order = await updateOrder(connector.api, order, [CHANGES[change].action]);
      const messages = publishedAbout(connector, order.id);
      expect(messages.map((message) => message.type)).toEqual([
        'OrderCreated',
        ...changes.map((change) => CHANGES[change].message),
      ]);
      placed.push({ order, changes, messages });
    }
    return placed;
  }

  /** One purchase, one event per status, one inbox row per message, one fact per message and per report. */
  async function expectReportedOnce({ order, changes, messages }: PlacedOrder): Promise<void> {
    const orderId = friendbuyOrderId(order);
    const statuses = changes.flatMap((change) => CHANGES[change].status ?? []);
    const calls = connector.sandbox.friendbuy.requests();
    const purchases = calls.filter(
      (call) => call.path === '/v1/event/purchase' && (call.body as { orderId?: string }).orderId === orderId,
    );
    expect(purchases.map((call) => call.status)).toEqual([201]);
    const events = calls
      .filter(
        (call) =>
          call.path === '/v1/event/custom' &&
          (call.body as { deduplicationId?: string }).deduplicationId?.startsWith(`${orderId}:`),
      )
      .map((call) => `${(call.body as { deduplicationId: string }).deduplicationId}=${call.status}`);
    expect(events.sort()).toEqual(statuses.map((status) => `${orderId}:${status}=201`).sort());

    const inbox = await connector.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM inbox WHERE resource_id = $1',
      [order.id],
    );
    expect(inbox.rows[0]?.count).toBe(messages.length);
    // One fact per distinct message (keyed by it), one per report; other flows may add facts of their own.
    const stream = await readStream(connector.db, `order:${order.id}`);
    const factTypes = ['order.created', ...changes.map((change) => CHANGES[change].fact)];
    expect(
      stream
        .filter((event) => event.dedupKey?.startsWith('ct:'))
        .map((event) => `${event.dedupKey} ${event.type}`)
        .sort(),
    ).toEqual(
      messages.map((message, i) => `ct:${order.id}:${message.sequenceNumber} ${factTypes[i]}`).sort(),
    );
    expect(
      stream
        .filter((event) => event.type === 'purchase.reported' || event.type === 'status.reported')
        .map((event) => `${event.type} ${event.data.status ?? ''}`.trim())
        .sort(),
    ).toEqual(['purchase.reported', ...statuses.map((status) => `status.reported ${status}`)].sort());
    expect((await verifyLedger(connector.db, `order:${order.id}`)).breaks).toEqual([]);
  }

  it('reports each order once and each status once, and records each message and fact once', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async ({ orders, pushes, distinct }) => {
        const placed = await placeOrders(orders);
        const outcomes: IntakeStatus[] = [];
        let batch: Promise<IntakeStatus>[] = [];
        let draining: Promise<unknown> = Promise.resolve();
        for (const push of pushes) {
          batch.push(deliver(connector.url, placed[push.order]!.messages[push.message]!));
          if (push.gap === 'together') continue;
          outcomes.push(...(await Promise.all(batch)));
          batch = [];
          if (push.gap === 'drain') {
            await draining;
            draining = connector.workers.drain();
          }
        }
        outcomes.push(...(await Promise.all(batch)));
        await draining;
        await settleOutbox(connector);

        expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(distinct);
        expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(pushes.length - distinct);
        expect(await owedJobs(connector.db, connector.clock.now())).toEqual([]);

        for (const each of placed) await expectReportedOnce(each);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('reports each order once when the sandbox broker itself duplicates every message and shuffles them', async () => {
    const bridge = connector.sandbox.commercetools.bridge;
    bridge.configure({ duplicateRate: 1, reorder: true });
    try {
      const placed = await placeOrders([['ship', 'cancel'], ['confirm', 'deliver'], [], ['ship']]);
      bridge.resume();
      await bridge.idle();
      await settleOutbox(connector);
      for (const each of placed) await expectReportedOnce(each);
    } finally {
      bridge.configure({ duplicateRate: 0, reorder: false });
      bridge.pause();
    }
  });
});
