// Reconciliation over a sandbox day: a purchase whose report was dead-lettered, an order commercetools never
// announced and a reward Friendbuy gave that the ledger never saw are each reported with their cause; the first
// two are repaired through the idempotent path (each order reaches Friendbuy once), the reward is left for review.
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import type { ReconciliationReport } from '../../src/flows/reconciliation/reconcile.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { importSandboxOrders } from '../../src/sandbox/import-orders.js';
import { readOrderRecords } from '../../src/store/reconciliation.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId } from '../helpers/deliveries.js';
import { settleOutbox } from '../helpers/outbox.js';
import { runCli } from '../helpers/process.js';
import { parseExposition, sampleSum } from '../helpers/prometheus.js';

const headers = {
  authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
  'content-type': 'application/json',
};

describe('reconciliation', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    // Workers off: the test runs the queue itself, so it can let a purchase report run out of retries.
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const reconcile = async (body: object): Promise<ReconciliationReport> => {
    const response = await fetch(`${connector.url}/admin/api/reconciliations`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as ReconciliationReport;
  };
  const purchasesOf = (order: Order) =>
    connector
      .friendbuyCalls('/v1/event/purchase')
      .filter((call) => (call.body as { orderId: string }).orderId === friendbuyOrderId(order));
  const purchaseJobOf = async (order: Order) =>
    (await readOrderRecords(connector.db, [order.id]))[0]?.purchaseJob;

  it('reports a dead-lettered purchase, an order never delivered and a reward unknown here, and repairs the first two', async () => {
    // A purchase report that runs out of retries while Friendbuy answers 429 to everything.
    const deadLettered = await placeDemoOrder(connector.api, { email: 'dead.letter@example.com' });
    await eventually(
      async () => (await readOrderRecords(connector.db, [deadLettered.id]))[0]?.received,
      15_000,
      'the order delivered',
    );
    connector.sandbox.friendbuy.setFaults({ rate429: 1 });
    await connector.workers.drain();
    connector.sandbox.clock.advance(25 * 3_600_000);
    await connector.workers.drain();
    expect(await purchaseJobOf(deadLettered)).toMatchObject({ status: 'dead' });
    connector.sandbox.friendbuy.setFaults({ rate429: 0 });
    expect(purchasesOf(deadLettered)).toHaveLength(0);

    const [neverDelivered] = await importSandboxOrders(connector.api, { count: 1 });
    const ghost = {
      couponCode: 'GHOST-REWARD-1',
      advocateCustomerId: 'advocate-unknown',
      rewardAmount: '10',
    };
    const added = await fetch(`${connector.url}/sandbox/friendbuy/analytics/distributed-advocate-rewards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { ...ghost, createdOn: new Date(connector.clock.now().getTime() - 60_000).toISOString() },
      ]),
    });
    expect(added.status).toBe(201);

    const report = await reconcile({ since: '3d' });
    const causes = report.findings.map((finding) => [finding.subject, finding.cause, !!finding.repairedAt]);
    expect(causes).toEqual(
      expect.arrayContaining([
        [`order:${deadLettered.id}`, 'dead-lettered', true],
        [`order:${neverDelivered!.id}`, 'never-delivered', true],
        ['friendbuy-reward:ghost-reward-1', 'reward-unknown-here', false],
      ]),
    );
    expect(report.findings).toHaveLength(3);
    expect(report.days.find((day) => day.storeKey === 'us')).toMatchObject({
      commercetoolsOrders: 2,
      findings: 2,
    });

    await settleOutbox(connector);
    expect(purchasesOf(deadLettered)).toHaveLength(1);
    expect(purchasesOf(neverDelivered!)).toHaveLength(1);

    // Repaired: a second run finds only what was left for a person, and sends nothing again.
    const again = await reconcile({ since: '3d' });
    expect(again.findings.map((finding) => finding.cause)).toEqual(['reward-unknown-here']);
    await settleOutbox(connector);
    expect(purchasesOf(deadLettered)).toHaveLength(1);
    expect(purchasesOf(neverDelivered!)).toHaveLength(1);
  });

  it('lists the findings kept, on the admin API, the command line and the metrics', async () => {
    const response = await fetch(`${connector.url}/admin/api/reconciliation/findings?open=true`, { headers });
    const { findings } = (await response.json()) as { findings: { cause: string; detail: object }[] };
    expect(findings).toEqual([
      expect.objectContaining({
        cause: 'reward-unknown-here',
        detail: expect.objectContaining({
          couponCode: 'GHOST-REWARD-1',
          advocateCustomerId: 'advocate-unknown',
        }),
      }),
    ]);
    const env = { PORT: new URL(connector.url).port, DATABASE_URL: '' };
    const run = await runCli(['reconcile', 'findings'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dead-lettered .*repaired: retried dead-lettered job/);
    expect(run.stdout).toMatch(/reward-unknown-here +friendbuy-reward:ghost-reward-1 +\(left for review\)/);
    // What is left for review is what an alert can watch; repaired findings no longer count.
    const scrape = await fetch(`${connector.url}/metrics`, { headers });
    const exposition = parseExposition(await scrape.text());
    expect(sampleSum(exposition, 'ctfb_reconciliation_open_findings', { cause: 'reward-unknown-here' })).toBe(
      1,
    );
    expect(sampleSum(exposition, 'ctfb_reconciliation_open_findings', { cause: 'dead-lettered' })).toBe(0);
  });

  it("recreates a reward's coupon deleted from commercetools", async () => {
    const trigger = await fetch(`${connector.url}/sandbox/friendbuy/webhooks/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'advocateReward',
        data: [{ rewardId: 'reconcile-coupon-1', customerId: 'coupon-advocate', couponCode: 'KEEP-ME-1' }],
      }),
    });
    expect(trigger.status).toBe(202);
    await connector.sandbox.friendbuy.webhooks.idle();
    await settleOutbox(connector);
    const codeNamed = async () =>
      (
        await connector.api
          .discountCodes()
          .get({ queryArgs: { where: 'code = "KEEP-ME-1"' } })
          .execute()
      ).body.results[0];
    const deleted = await codeNamed();
    await connector.api
      .discountCodes()
      .withId({ ID: deleted!.id })
      .delete({ queryArgs: { version: deleted!.version } })
      .execute();

    const report = await reconcile({ since: '3d' });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'reward:reconcile-coupon-1',
          cause: 'coupon-missing',
          repair: expect.stringContaining('recreated the coupon'),
        }),
      ]),
    );
    const recreated = await codeNamed();
    expect(recreated).toMatchObject({ isActive: true, maxApplications: 1 });
    expect(recreated?.id).not.toBe(deleted?.id);
    const again = await reconcile({ since: '3d' });
    expect(again.findings.map((finding) => finding.cause)).not.toContain('coupon-missing');
  });

  it('refuses a window it cannot read, naming the field', async () => {
    const response = await fetch(`${connector.url}/admin/api/reconciliations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ since: 'the other day' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('since');
  });
});
