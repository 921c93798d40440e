// Friendbuy's reward validation callback (POST /callbacks/friendbuy/reward-validation) against a sandbox
// connector, on PostgreSQL and on PGlite. Orders are placed through the emulated commercetools so that the
// answers are the real mix: EU orders (a policy with no return window) are eligible at once → 200, US orders
// (30-day window) are pending → 503, returned US orders and repeat customers are ineligible → 400, and
// purchases commercetools never saw → 400. Each callback does what it does in production: finds the order,
// reads it from commercetools (here the emulator, in this process, over HTTP), evaluates its eligibility and
// records the answer on the ledger. Measured one request at a time, then with 8 connections.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import { SANDBOX_CAMPAIGNS } from '../src/campaigns/load.js';
import { createCommercetoolsClient } from '../src/commercetools/client.js';
import { getOrder } from '../src/commercetools/order-access.js';
import { updateWithRetry } from '../src/commercetools/update-with-retry.js';
import { loadConfig } from '../src/config.js';
import { type Connector, startConnector } from '../src/connector.js';
import { createLogger } from '../src/logger.js';
import { placeDemoOrder } from '../src/sandbox/demo-order.js';
import { openPostgres } from '../src/store/postgres.js';
import { ensureFraudDatabase } from './fraud-store.js';
import { type PhaseResult, runLoad } from './load.js';
import type { ValidationBodies } from './load-generator.js';
import { round } from './stats.js';
import { signedValidationRequests } from './validation-messages.js';

const [us, eu] = SANDBOX_CAMPAIGNS.campaigns;
const CAMPAIGNS = {
  campaigns: [
    {
      ...us,
      policy: {
        returnWindow: { days: 30, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 30 },
      },
    },
    {
      ...eu,
      policy: {
        returnWindow: { days: 0, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 0 },
      },
    },
  ],
};
/** Orders per kind of answer; repeat customers reorder under the first pending orders' emails. */
const ORDERS = { eligible: 100, pending: 120, returned: 40, repeat: 40, unknown: 20 };
const SETTLE_MS = 60_000;

export type RewardValidationResult =
  | {
      target: 'postgres' | 'pglite';
      /** Purchases asked about, per expected answer. */
      purchases: Record<string, number>;
      setupSeconds: number;
      /** What the warm-up (each purchase asked once) answered, by HTTP status. */
      firstAnswers: Record<string, number>;
      sequential: CallbackPhase;
      concurrent: CallbackPhase;
      /** Ledger events per order stream at the end (every answer is recorded on the order's stream). */
      eventsPerStream: number;
    }
  | { target: 'postgres' | 'pglite'; skipped: string };

export interface CallbackPhase {
  concurrency: number;
  answered: number;
  perSecond: number;
  outcomes: Record<string, number>;
  latencyMs: PhaseResult['latencyMs'];
  serverCpuCores: number;
}

export async function benchRewardValidation(options: {
  seconds: number;
  databaseUrl: string;
}): Promise<RewardValidationResult[]> {
  const results: RewardValidationResult[] = [];
  for (const target of ['postgres', 'pglite'] as const) {
    results.push(await benchOn(target, options));
    console.error(`reward validation: ${target} done`);
  }
  return results;
}

async function benchOn(
  target: 'postgres' | 'pglite',
  options: { seconds: number; databaseUrl: string },
): Promise<RewardValidationResult> {
  let store: { url: string; schema: string } | undefined;
  if (target === 'postgres') {
    const database = await ensureFraudDatabase(options.databaseUrl);
    if ('skipped' in database) return { target, skipped: database.skipped };
    store = { url: database.url, schema: `callbacks_${randomBytes(4).toString('hex')}` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'ctfb-bench-callbacks-'));
  const campaignsFile = join(dir, 'campaigns.json');
  await writeFile(campaignsFile, JSON.stringify(CAMPAIGNS));
  const started = performance.now();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    CONNECTOR_CAMPAIGNS_FILE: campaignsFile,
  });
  const connector = await startConnector({
    config,
    logger: createLogger('silent'),
    ...(store ? { store } : {}),
  });
  try {
    const purchases = await placeOrders(connector);
    await settle(connector);
    // In a fixed shuffled order, so that any stretch of requests has the mix of answers.
    const ids = Object.values(purchases)
      .flat()
      .sort((a, b) => shuffleKey(a).localeCompare(shuffleKey(b)));
    const url = `${connector.url}/callbacks/friendbuy/reward-validation`;
    const validation = { purchaseIds: ids, secretKey: config.friendbuy.secretKey };
    const plan = { url, bodies: 'rewardValidation' as const, validation };
    const setupSeconds = round((performance.now() - started) / 1000, 1);
    const firstAnswers = await askEachOnce(url, validation);
    const sequential = await runLoad({ ...plan, mode: 'closed', concurrency: 1, seconds: options.seconds });
    const concurrent = await runLoad({ ...plan, mode: 'closed', concurrency: 8, seconds: options.seconds });
    const streams = await connector.db.query<{ events: number }>(
      `SELECT round(avg(n))::int AS events FROM (SELECT count(*) AS n FROM ledger
       WHERE stream LIKE 'order:%' GROUP BY stream) s`,
    );
    return {
      target,
      purchases: Object.fromEntries(Object.entries(purchases).map(([kind, list]) => [kind, list.length])),
      setupSeconds,
      firstAnswers,
      sequential: phase(sequential, 1),
      concurrent: phase(concurrent, 8),
      eventsPerStream: streams.rows[0]?.events ?? 0,
    };
  } finally {
    await connector.close();
    if (store) {
      const db = await openPostgres({ connectionString: store.url });
      await db.exec(`DROP SCHEMA "${store.schema}" CASCADE`);
      await db.close();
    }
    await rm(dir, { recursive: true, force: true });
  }
}

const shuffleKey = (id: string) => createHash('md5').update(id).digest('hex');

function phase(result: PhaseResult, concurrency: number): CallbackPhase {
  const answered = ['200', '400', '503'].reduce((sum, status) => sum + (result.outcomes[status] ?? 0), 0);
  return {
    concurrency,
    answered,
    perSecond: round(answered / result.elapsedSeconds, 1),
    outcomes: result.outcomes,
    latencyMs: result.latencyMs,
    serverCpuCores: result.cpuCores.process,
  };
}

/**
 * Asks about each purchase once, in this process: the first answer for an order evaluates it, records the
 * decision and may assess its referral; later ones find the decision made. Returns the answers by status.
 */
async function askEachOnce(url: string, validation: ValidationBodies): Promise<Record<string, number>> {
  const request = signedValidationRequests(validation);
  const answers: Record<string, number> = {};
  for (const i of validation.purchaseIds.keys()) {
    const { body, headers } = request(i);
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    answers[response.status] = (answers[response.status] ?? 0) + 1;
  }
  return answers;
}

/** Places the orders and returns their purchase ids (the order numbers Friendbuy knows them by) per kind. */
async function placeOrders(connector: Connector): Promise<Record<keyof typeof ORDERS, string[]>> {
  const urls = connector.sandbox!.urls;
  const api = createCommercetoolsClient({
    projectKey: urls.projectKey,
    clientId: 'bench',
    clientSecret: 'bench',
    apiUrl: urls.commercetoolsApiUrl,
    authUrl: urls.commercetoolsAuthUrl,
  });
  const run = Date.now().toString(36);
  const place = async (kind: string, i: number, market: 'us' | 'eu', email: string) =>
    placeDemoOrder(api, { market, email, orderNumber: `BENCH-${run}-${kind}-${i}` });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const shopper = (kind: string, i: number) => `bench.${run}.${kind}.${i}@example.com`;
  const placed: Record<string, Order[]> = {};
  for (const [kind, market] of [
    ['eligible', 'eu'],
    ['pending', 'us'],
    ['returned', 'us'],
  ] as const) {
    placed[kind] = [];
    for (const i of range(ORDERS[kind])) placed[kind].push(await place(kind, i, market, shopper(kind, i)));
  }
  placed.repeat = [];
  for (const i of range(ORDERS.repeat))
    placed.repeat.push(await place('repeat', i, 'us', shopper('pending', i)));
  for (const order of placed.returned!) await returnEverything(api, order.id);
  const numbers = (kind: string) => placed[kind]!.map((order) => order.orderNumber!);
  return {
    eligible: numbers('eligible'),
    pending: numbers('pending'),
    returned: numbers('returned'),
    repeat: numbers('repeat'),
    unknown: range(ORDERS.unknown).map((i) => `BENCH-${run}-never-placed-${i}`),
  };
}

async function returnEverything(api: ReturnType<typeof createCommercetoolsClient>, orderId: string) {
  await updateWithRetry<Order, OrderUpdateAction>({
    load: async () => (await getOrder(api, orderId))!,
    buildActions: (current) => [
      {
        action: 'addReturnInfo',
        items: current.lineItems.map((item) => ({
          quantity: item.quantity,
          lineItemId: item.id,
          shipmentState: 'Returned' as const,
        })),
      },
    ],
    apply: async (current, actions) =>
      (
        await api
          .orders()
          .withId({ ID: current.id })
          .post({ body: { version: current.version, actions } })
          .execute()
      ).body,
  });
}

/** Waits until the connector has worked through what the orders set off (jobs due now), at most a minute. */
async function settle(connector: Connector): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    const due = await connector.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND run_after <= $1`,
      [connector.clock.now()],
    );
    if ((due.rows[0]?.n ?? 0) === 0) return;
    await sleep(200);
  }
}
