import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { type Exposition, parseExposition, sampleSum } from '../helpers/prometheus.js';

const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };

/** Every series the operating guide lists, by family name. */
const SERIES = [
  'ctfb_deliveries_received_total',
  'ctfb_deliveries_acknowledged_total',
  'ctfb_outbox_jobs',
  'ctfb_outbox_oldest_due_job_age_seconds',
  'ctfb_outbox_dead_letters',
  'ctfb_outbox_job_runs_total',
  'ctfb_outbound_request_duration_seconds',
  'ctfb_cart_extension_duration_seconds',
  'ctfb_cart_extension_fail_open_total',
  'ctfb_fraud_assessments_total',
  'ctfb_fraud_signals_total',
  'ctfb_rewards',
  'ctfb_commercetools_subscription_status',
  'ctfb_commercetools_cart_extension_status',
  'ctfb_delivery_health_ok',
  'ctfb_store_up',
  'ctfb_store_pool_connections',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
];

describe('GET /metrics', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  async function scrape(): Promise<Exposition> {
    const response = await fetch(`${connector.url}/metrics`, { headers: ADMIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  }

  it('is refused without the admin token, or with another one', async () => {
    expect((await fetch(`${connector.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${connector.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()) as object).toMatchObject({ code: 'Unauthorized' });
  });

  it('is valid exposition text with every documented series', async () => {
    const metrics = await scrape();
    for (const family of SERIES) expect(metrics.families.has(family), family).toBe(true);
    expect(sampleSum(metrics, 'ctfb_store_up')).toBe(1);
    // The pool exists on PostgreSQL only; the embedded store has one connection.
    const pooled = sampleSum(metrics, 'ctfb_store_pool_connections', { state: 'total' });
    if (connector.db.kind === 'postgres') expect(pooled).toBeGreaterThan(0);
    else expect(pooled).toBe(0);
    expect(metrics.samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('moves when an order flows through the sandbox to Friendbuy', async () => {
    const before = await scrape();
    const order = await placeDemoOrder(connector.api, { email: 'metrics@example.com' });
    await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId?: string }).orderId === (order.orderNumber ?? order.id)),
      15_000,
      'the purchase at Friendbuy',
    );
    const after = await eventually(async () => {
      const metrics = await scrape();
      const runs = { kind: 'friendbuy.purchase', outcome: 'done' };
      return sampleSum(metrics, 'ctfb_outbox_job_runs_total', runs) >
        sampleSum(before, 'ctfb_outbox_job_runs_total', runs)
        ? metrics
        : undefined;
    });
    const created = { source: 'commercetools', type: 'OrderCreated' };
    expect(sampleSum(after, 'ctfb_deliveries_received_total', created)).toBeGreaterThan(
      sampleSum(before, 'ctfb_deliveries_received_total', created),
    );
    expect(
      sampleSum(after, 'ctfb_deliveries_acknowledged_total', { ...created, outcome: 'recorded' }),
    ).toBeGreaterThan(
      sampleSum(before, 'ctfb_deliveries_acknowledged_total', { ...created, outcome: 'recorded' }),
    );
    const purchaseCalls = {
      service: 'friendbuy',
      endpoint: 'POST /v1/event/purchase',
      status: '201',
    };
    expect(sampleSum(after, 'ctfb_outbound_request_duration_seconds_count', purchaseCalls)).toBeGreaterThan(
      sampleSum(before, 'ctfb_outbound_request_duration_seconds_count', purchaseCalls),
    );
    // commercetools calls are templated: an order is read by id, and no label carries the id itself.
    const orderReads = after.samples.filter(
      (s) =>
        s.name === 'ctfb_outbound_request_duration_seconds_count' &&
        s.labels.service === 'commercetools' &&
        s.labels.endpoint === 'GET /orders/{id}',
    );
    expect(orderReads.length).toBeGreaterThan(0);
    const labelText = after.samples.flatMap((s) => Object.values(s.labels)).join(' ');
    expect(labelText).not.toContain(order.id);
    expect(labelText).not.toContain('metrics@example.com');
  });

  it('sends the correlation id of the delivery with the Friendbuy call its job makes', async () => {
    const order = await placeDemoOrder(connector.api, { email: 'correlated@example.com' });
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId?: string }).orderId === (order.orderNumber ?? order.id)),
      15_000,
      'the purchase at Friendbuy',
    );
    const inbox = await connector.db.query<{ correlationId: string }>(
      `SELECT correlation_id AS "correlationId" FROM inbox WHERE resource_id = $1 AND kind = 'OrderCreated'`,
      [order.id],
    );
    expect(inbox.rows[0]?.correlationId).toBeTruthy();
    expect(purchase.correlationId).toBe(inbox.rows[0]?.correlationId);
  });
});
