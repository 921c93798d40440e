// Friendbuy documents no idempotency key for purchases, so a purchase call that times out must not simply be
// sent again: the connector looks for it in Friendbuy first. Both ways Friendbuy might behave are covered: the
// emulator deduplicating purchases by orderId, and (the worst case) not at all.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { orderStream } from '../../src/flows/deps.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { readStream } from '../../src/store/ledger.js';
import { listJobs } from '../../src/store/outbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId } from '../helpers/deliveries.js';
import { settleOutbox } from '../helpers/outbox.js';

const RESEND_AFTER_MINUTES = 60;

describe.each([
  ['does not deduplicate orderIds', false],
  ['deduplicates orderIds', true],
])('a purchase call that times out, when Friendbuy %s', (_name, orderIdDeduplication) => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({
      OUTBOX_WORKERS: 'false',
      FRIENDBUY_TIMEOUT_MS: '300',
      FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES: String(RESEND_AFTER_MINUTES),
    });
  });
  afterEach(() => {
    connector.sandbox.friendbuy.setFaults({ latencyMs: 0, orderIdDeduplication: false });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const placeOrder = async (referralCode?: string) => {
    const order = await placeDemoOrder(connector.api, {
      email: `slow-${randomUUID()}@example.com`,
      ...(referralCode
        ? { custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: referralCode } } }
        : {}),
    });
    await connector.sandbox.commercetools.bridge.idle();
    return order;
  };
  const posted = (order: Order) =>
    connector.sandbox.friendbuy
      .requests()
      .filter(
        (call) =>
          call.path === '/v1/event/purchase' &&
          (call.body as { orderId?: string }).orderId === friendbuyOrderId(order),
      );
  const ledgerTypes = async (order: Order) =>
    (await readStream(connector.db, orderStream(order.id)))
      .filter((event) => event.type.startsWith('purchase.'))
      .map((event) => ({ type: event.type, ...event.data }));
  /**
   * Places an order whose first purchase call meets a Friendbuy slower than the client's timeout; Friendbuy
   * finishes the call it was abandoned on, as a real server would.
   */
  const placeOrderTimingOut = async (referralCode?: string) => {
    // A fresh MAPI token first: the authorization call must not be the one that times out.
    await placeOrder();
    await settleOutbox(connector);
    const order = await placeOrder(referralCode);
    connector.sandbox.friendbuy.setFaults({ latencyMs: 1_500, orderIdDeduplication });
    await connector.workers.drain();
    await eventually(() => posted(order).length === 1, 10_000, 'Friendbuy finishing the abandoned call');
    connector.sandbox.friendbuy.setFaults({ latencyMs: 0 });
    return order;
  };

  it('posts a referred purchase exactly once: the next attempt finds it in Friendbuy', async () => {
    const order = await placeOrderTimingOut('janefriend');
    await settleOutbox(connector);

    expect(posted(order).map((call) => call.status)).toEqual([201]);
    expect(await ledgerTypes(order)).toEqual([
      { type: 'purchase.attempted', attempt: 1 },
      {
        type: 'purchase.attempt-failed',
        attempt: 1,
        ambiguous: true,
        retryable: true,
        reason: expect.stringMatching(/timed out/),
      },
      expect.objectContaining({ type: 'purchase.reported', foundIn: 'analytics' }),
    ]);
  });

  it(`sends an unlisted purchase again only after ${RESEND_AFTER_MINUTES} minutes, once`, async () => {
    // Friendbuy lists referred purchases only: this one can never be found, so the wait is all there is.
    const order = await placeOrderTimingOut();
    connector.sandbox.clock.advance((RESEND_AFTER_MINUTES - 5) * 60_000);
    await connector.workers.drain();
    expect(posted(order)).toHaveLength(1);
    const [waiting] = await listJobs(connector.db, { kind: 'friendbuy.purchase', status: 'pending' });
    expect(waiting?.lastError).toMatch(/AwaitingPurchaseEvidence: .*not sent again before/);

    await settleOutbox(connector);
    // Sent twice in all; Friendbuy counts it twice unless it deduplicates orderIds (docs/guarantees.md).
    expect(posted(order).map((call) => call.status)).toEqual([201, orderIdDeduplication ? 200 : 201]);
    const types = (await ledgerTypes(order)).map((event) => event.type);
    expect(types).toEqual([
      'purchase.attempted',
      'purchase.attempt-failed',
      'purchase.attempted',
      'purchase.reported',
    ]);
  });
});
