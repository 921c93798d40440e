// Friendbuy misbehaving: rate limits, server errors and latency are retried until each order is reported once;
// a payload Friendbuy refuses is dead-lettered where operators see and retry it; expired tokens are renewed.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { type Job, listJobs, queueCounts } from '../../src/store/outbox.js';
import { VERSION } from '../../src/version.js';
import {
  eventually,
  startLiveConnector,
  startTestConnector,
  type TestConnector,
} from '../helpers/connector.js';
import { friendbuyOrderId, updateOrder } from '../helpers/deliveries.js';
import { owedJobs, settleOutbox } from '../helpers/outbox.js';

const TOKEN_TTL_MS = 20 * 60_000;

describe('Friendbuy failures', () => {
  // Workers off: the test runs the outbox itself and moves the sandbox clock to each retry instead of waiting.
  let connector: TestConnector;
  beforeAll(async () => {
    // A 500 may come after Friendbuy counted the purchase: the next attempt looks for it in Friendbuy first. With
    // no wait, it sends again as soon as Friendbuy does not list it (the emulator fails before counting).
    connector = await startTestConnector({
      OUTBOX_WORKERS: 'false',
      FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES: '0',
    });
  });
  afterEach(() => {
    connector.sandbox.friendbuy.setFaults({
      rate429: 0,
      rate500: 0,
      latencyMs: 0,
      orderIdDeduplication: false,
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${connector.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const health = async () =>
    (await (await fetch(`${connector.url}/health`)).json()) as {
      queue: { pending: number; failed: number };
    };
  const purchaseCalls = (order: Order) =>
    connector.sandbox.friendbuy
      .requests()
      .filter(
        (call) =>
          call.path === '/v1/event/purchase' &&
          (call.body as { orderId?: string }).orderId === friendbuyOrderId(order),
      );
  /** Places orders and waits until the sandbox delivered their messages to the connector. */
  const placeOrders = async (count: number, email = () => `faults-${randomUUID()}@example.com`) => {
    const orders: Order[] = [];
    for (let i = 0; i < count; i++) orders.push(await placeDemoOrder(connector.api, { email: email() }));
    await connector.sandbox.commercetools.bridge.idle();
    return orders;
  };

  it('reports its health: mode, version, store, queue, delivery health and the sandbox endpoints', async () => {
    const { urls } = connector.sandbox;
    // The start's own messages (the demo advocates are created in commercetools) arrive and are processed
    // first, so the queue health reports is the one counted here.
    await connector.sandbox.commercetools.bridge.idle();
    await settleOutbox(connector);
    expect(await health()).toEqual({
      status: 'ok',
      mode: 'sandbox',
      version: VERSION,
      // Test stores are schemas reached by URL (the run's embedded server, or DATABASE_URL's).
      database: 'postgres',
      queue: await queueCounts(connector.db),
      delivery: { status: 'not-checked' },
      sandbox: {
        commercetoolsApiUrl: `${connector.url}/sandbox/commercetools`,
        commercetoolsAuthUrl: `${connector.url}/sandbox/commercetools`,
        projectKey: urls.projectKey,
        friendbuyApiUrl: `${connector.url}/sandbox/friendbuy`,
      },
    });
  });

  it('keeps retrying while Friendbuy is down, then reports every order once while it is flaky and slow', async () => {
    const friendbuy = connector.sandbox.friendbuy;
    friendbuy.setFaults({ rate500: 1 });
    const orders = await placeOrders(4);
    const shipped = await Promise.all(
      orders
        .slice(0, 2)
        .map((order) =>
          updateOrder(connector.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]),
        ),
    );
    await connector.sandbox.commercetools.bridge.idle();
    await connector.workers.drain();
    // The client gave up after its own retries; the jobs wait in the outbox for their next attempt.
    const waiting = await listJobs(connector.db, { kind: 'friendbuy.purchase', status: 'pending' });
    expect(waiting.map((job) => job.payload.orderId).sort()).toEqual(orders.map((order) => order.id).sort());
    for (const job of waiting) expect(job.lastError).toMatch(/500/);
    expect(friendbuy.requests().filter((call) => call.status < 300)).toEqual([]);

    friendbuy.setFaults({ rate429: 0.3, rate500: 0.2, latencyMs: 20 });
    await settleOutbox(connector);

    for (const order of orders) {
      const statuses = purchaseCalls(order).map((call) => call.status);
      expect(statuses.filter((status) => status < 300)).toEqual([201]);
      expect(statuses.every((status) => [201, 429, 500].includes(status))).toBe(true);
    }
    for (const order of shipped) {
      const events = friendbuy
        .requests()
        .filter(
          (call) =>
            call.path === '/v1/event/custom' &&
            (call.body as { deduplicationId?: string }).deduplicationId ===
              `${friendbuyOrderId(order)}:shipped`,
        );
      expect(events.filter((call) => call.status < 300)).toHaveLength(1);
    }
    const reported = await listJobs(connector.db, { kind: 'friendbuy.purchase', status: 'done' });
    const ours = reported.filter((job) => orders.some((order) => order.id === job.payload.orderId));
    expect(ours.map((job) => job.attempts >= 2)).toEqual(orders.map(() => true));
    expect(await owedJobs(connector.db, connector.clock.now())).toEqual([]);
  });

  it('dead-letters a purchase Friendbuy rejects, shows it to operators, and reports it once retried', async () => {
    // The address passes the connector's loose shape check, but Friendbuy refuses it: retrying cannot help.
    const [order] = await placeOrders(1, () => `jane..doe-${randomUUID()}@example.com`);
    await settleOutbox(connector);

    expect(purchaseCalls(order!).map((call) => call.status)).toEqual([400]);
    expect((await health()).queue.failed).toBe(1);
    const dead = (await (await admin('/admin/api/outbox?status=dead')).json()) as { jobs: Job[] };
    const job = dead.jobs.find((j) => j.kind === 'friendbuy.purchase' && j.payload.orderId === order!.id);
    expect(job?.lastError).toMatch(/POST \/v1\/event\/purchase answered 400/);

    // The merchant corrects the address, and an operator puts the job back in the queue.
    await updateOrder(connector.api, order!, [{ action: 'setCustomerEmail', email: 'jane.doe@example.com' }]);
    const retried = await admin('/admin/api/outbox/retry', { method: 'POST', body: { ids: [job!.id] } });
    expect(await retried.json()).toEqual({ retried: 1 });
    await settleOutbox(connector);

    expect(purchaseCalls(order!).map((call) => call.status)).toEqual([400, 201]);
    expect((await health()).queue.failed).toBe(0);
    const stillDead = (await (await admin('/admin/api/outbox?status=dead')).json()) as { jobs: Job[] };
    expect(stillDead.jobs).toEqual([]);
  });

  it('authorises again once its Friendbuy token has expired, and still reports', async () => {
    const authorizations = () =>
      connector.sandbox.friendbuy.requests().filter((call) => call.path === '/v1/authorization');
    await settleOutbox(connector);
    const before = authorizations().length;
    expect(before).toBeGreaterThan(0);

    connector.sandbox.clock.advance(TOKEN_TTL_MS + 1_000);
    const [order] = await placeOrders(1);
    await settleOutbox(connector);

    expect(purchaseCalls(order!).map((call) => call.status)).toEqual([201]);
    expect(
      authorizations()
        .slice(before)
        .map((call) => call.status),
    ).toEqual([200]);
  });

  it('authorises again when Friendbuy rejects a token the connector still thinks valid', async () => {
    // A second process of the deployment receives and reports the orders; its clock is real time.
    const second = await startLiveConnector(connector, connector.store);
    const bridge = connector.sandbox.commercetools.bridge;
    const eventsUrl = (url: string) =>
      `${url}/events/commercetools?token=${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`;
    bridge.deliverTo(eventsUrl(second.url));
    const reported = (order: Order) => purchaseCalls(order).some((call) => call.status < 300);
    try {
      const [first] = await placeOrders(1);
      await eventually(() => reported(first!), 15_000, 'the first purchase');

      // Friendbuy's clock runs 20 minutes ahead of the process's: the token it cached has expired there.
      const since = connector.sandbox.friendbuy.requests().length;
      connector.sandbox.clock.advance(TOKEN_TTL_MS);
      const [later] = await placeOrders(1);
      await eventually(() => reported(later!), 15_000, 'the purchase after the token expired');

      // Whichever call met the expired token first (the purchase, unless a scheduled job beat it), the process
      // authorised once more and went on.
      const calls = connector.sandbox.friendbuy.requests().slice(since);
      const rejected = calls.findIndex((call) => call.status === 401);
      expect(rejected).toBeGreaterThanOrEqual(0);
      expect(
        calls
          .slice(rejected)
          .filter((call) => call.path === '/v1/authorization')
          .map((call) => call.status),
      ).toEqual([200]);
      expect(purchaseCalls(later!).filter((call) => call.status < 300)).toHaveLength(1);
      expect(purchaseCalls(later!).every((call) => call.status === 201 || call.status === 401)).toBe(true);
    } finally {
      bridge.deliverTo(eventsUrl(connector.url));
      await second.close();
    }
  });
});
