// `npx tsx bench/kill-cycles.ts`: a connector process on PostgreSQL SIGKILLed again and again while it reports
// orders to a slow Friendbuy, then left to settle; counts what reached the emulated Friendbuy per order.
// Env: DATABASE_URL (required), KILL_CYCLES (default 10), KILL_ORDERS (per cycle, default 30),
// KILL_LATENCY_MS (Friendbuy's answer time, default 300), KILL_DEDUP=on (the emulator deduplicates orderIds).
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../src/commercetools/custom-fields.js';
import { SANDBOX_DEFAULTS } from '../src/config.js';
import { placeDemoOrder } from '../src/sandbox/demo-order.js';
import { openPostgres } from '../src/store/postgres.js';
import { eventually, liveEnvFor, startTestConnector } from '../test/helpers/connector.js';
import { friendbuyOrderId, updateOrder } from '../test/helpers/deliveries.js';
import { type ConnectorProcess, startConnectorProcess } from '../test/helpers/process.js';
import { newSchemaName } from '../test/helpers/store.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error('DATABASE_URL is required (several processes share one PostgreSQL database)');
const cycles = Number(process.env.KILL_CYCLES ?? 10);
const perCycle = Number(process.env.KILL_ORDERS ?? 30);
const latencyMs = Number(process.env.KILL_LATENCY_MS ?? 300);

const world = await startTestConnector({ OUTBOX_WORKERS: 'false' });
world.sandbox.friendbuy.setFaults({ latencyMs, orderIdDeduplication: process.env.KILL_DEDUP === 'on' });
const schema = newSchemaName();
const admin = await openPostgres({ connectionString: databaseUrl, maxConnections: 1 });
await admin.query(`CREATE SCHEMA "${schema}"`);
const storeUrl = new URL(databaseUrl);
storeUrl.searchParams.set('options', `-c search_path=${schema}`);
const bridge = world.sandbox.commercetools.bridge;

const start = async (): Promise<{ process: ConnectorProcess; url: string }> => {
  const started = startConnectorProcess({
    ...liveEnvFor(world),
    DATABASE_URL: storeUrl.toString(),
    OUTBOX_POLL_MS: '50',
    OUTBOX_CONCURRENCY: '8',
    LOG_LEVEL: 'info', // the start line says where it listens
    FRIENDBUY_ANALYTICS_PULL_MINUTES: '0',
  });
  const url = await started.url;
  bridge.deliverTo(`${url}/events/commercetools?token=${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`);
  return { process: started, url };
};

const orders: Array<{ order: Order; referred: boolean }> = [];
let current = await start();
const startedAt = Date.now();
for (let cycle = 0; cycle < cycles; cycle++) {
  const placed = await Promise.all(
    Array.from({ length: perCycle }, async (_, index) => {
      const referred = index % 2 === 0;
      const order = await placeDemoOrder(world.api, {
        email: `kill-${randomUUID()}@example.com`,
        ...(referred
          ? { custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: 'janefriend' } } }
          : {}),
      });
      await updateOrder(world.api, order, [{ action: 'changeShipmentState', shipmentState: 'Shipped' }]);
      return { order, referred };
    }),
  );
  orders.push(...placed);
  // Killed while deliveries are recorded and Friendbuy calls are in flight.
  await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1_200));
  current.process.child.kill('SIGKILL');
  await current.process.exited;
  current = await start();
  process.stdout.write(`cycle ${cycle + 1}/${cycles}: ${orders.length} orders\n`);
}

const calls = (path: string) => world.friendbuyCalls(path);
const purchasesOf = (order: Order) =>
  calls('/v1/event/purchase').filter(
    (call) => (call.body as { orderId?: string }).orderId === friendbuyOrderId(order),
  );
const shippedOf = (order: Order) =>
  calls('/v1/event/custom').filter(
    (call) =>
      (call.body as { deduplicationId?: string }).deduplicationId === `${friendbuyOrderId(order)}:shipped`,
  );
const settled = () =>
  orders.every(
    ({ order, referred }) => (!referred || purchasesOf(order).length > 0) && shippedOf(order).length > 0,
  );
await eventually(settled, 180_000, 'every referred purchase and every status event').catch(() => undefined);

const tally = (counts: number[]) => ({
  once: counts.filter((n) => n === 1).length,
  doubled: counts.filter((n) => n > 1).length,
  lost: counts.filter((n) => n === 0).length,
});
const ambiguous = await admin.query<{ count: number }>(
  `SELECT count(*)::int AS count FROM "${schema}".ledger WHERE type = 'purchase.attempt-failed'`,
);
// Purchases whose call was cut by a kill and that Friendbuy does not list (not referred): the connector waits
// FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES before sending them again, and their status events wait behind them.
const unresolved = await admin.query<{ stream: string }>(
  `SELECT DISTINCT a.stream FROM "${schema}".ledger a WHERE a.type = 'purchase.attempted'
   AND NOT EXISTS (SELECT 1 FROM "${schema}".ledger r WHERE r.stream = a.stream AND r.type = 'purchase.reported')`,
);
const waiting = new Set(unresolved.rows.map((row) => row.stream.replace(/^order:/, '')));
const notWaiting = orders.filter((o) => !waiting.has(o.order.id));
const report = {
  cycles,
  orders: orders.length,
  seconds: Math.round((Date.now() - startedAt) / 1000),
  friendbuyLatencyMs: latencyMs,
  orderIdDeduplication: process.env.KILL_DEDUP === 'on',
  referredPurchases: tally(orders.filter((o) => o.referred).map((o) => purchasesOf(o.order).length)),
  unreferredPurchases: tally(orders.filter((o) => !o.referred).map((o) => purchasesOf(o.order).length)),
  statusEvents: tally(notWaiting.map((o) => shippedOf(o.order).length)),
  statusEventsWaitingBehindTheirPurchase: tally(
    orders.filter((o) => waiting.has(o.order.id)).map((o) => shippedOf(o.order).length),
  ),
  failedPurchaseAttemptsOnLedger: ambiguous.rows[0]?.count,
  purchasesAwaitingEvidence: waiting.size,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

current.process.child.kill('SIGKILL');
await world.close();
await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
await admin.close();
process.exit(0);
