// End to end in sandbox mode: orders placed through the commercetools SDK against the emulated project travel
// as OrderCreated messages to the connector, which reports each one to the emulated Friendbuy as a purchase.
// Measures how long N orders take to arrive as N purchases, and each order's own delay.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import { loadConfig } from '../src/config.js';
import { type Connector, startConnector } from '../src/connector.js';
import { createLogger } from '../src/logger.js';
import { sandboxApiClient } from '../src/sandbox/api-client.js';
import { type LatencySummary, round, summarize } from './stats.js';
import type { TargetCheck } from './target.js';

export interface E2eResult {
  orders: number;
  /** Seconds to place the orders (cart + order, one after the other). */
  placeSeconds: number;
  /** Seconds from the first order placed to the last purchase received. */
  totalSeconds: number;
  ordersPerSecond: number;
  /** Order created → its purchase received by the Friendbuy emulator. */
  latencyMs: LatencySummary;
  purchasesReceived: number;
  missing: number;
  /** Orders reported more than once. */
  duplicated: number;
  timedOut: boolean;
  peakRssMb: number;
}

const POLL_MS = 50;
// After the last purchase, how long to keep watching for a second purchase of the same order.
const DUPLICATE_GRACE_MS = 1_000;

export interface E2eOptions {
  orders: number;
  timeoutSeconds: number;
}

/** Runs in a process of its own (child.ts), so its peak RSS is the sandbox connector's and the orders' client's. */
export async function benchEndToEnd(options: E2eOptions): Promise<E2eResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-e2e-'));
  const connector = await startConnector({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    const sandbox = connector.sandbox;
    if (!sandbox) throw new Error('the connector did not start in sandbox mode');
    const { urls } = sandbox;
    const api = sandboxApiClient(urls, 'bench');
    const sku = await findUsdSku(api);

    const start = Date.now();
    const deadline = start + options.timeoutSeconds * 1000;
    const createdAt = new Map<string, number>();
    for (let i = 0; i < options.orders && Date.now() < deadline; i++) {
      const orderNumber = `bench-${start}-${i}`;
      await placeOrder(api, sku, orderNumber, i);
      createdAt.set(orderNumber, Date.now());
    }
    const placeSeconds = (Date.now() - start) / 1000;

    let received = purchasesByOrder(connector, createdAt);
    while (received.size < options.orders && Date.now() < deadline) {
      await sleep(POLL_MS);
      received = purchasesByOrder(connector, createdAt);
    }
    const timedOut = received.size < options.orders;
    const firstReceipts = [...received.values()].map((times) => times[0] ?? 0);
    const lastReceived = firstReceipts.length > 0 ? Math.max(...firstReceipts) : Date.now();
    if (!timedOut) {
      await sleep(DUPLICATE_GRACE_MS);
      received = purchasesByOrder(connector, createdAt);
    }
    const latencies = [...received].map(
      ([orderNumber, times]) => (times[0] ?? 0) - createdAt.get(orderNumber)!,
    );
    const totalSeconds = (lastReceived - start) / 1000;
    return {
      orders: options.orders,
      placeSeconds: round(placeSeconds),
      totalSeconds: round(totalSeconds),
      ordersPerSecond: round(received.size / totalSeconds, 1),
      latencyMs: summarize(latencies),
      purchasesReceived: [...received.values()].reduce((sum, times) => sum + times.length, 0),
      missing: options.orders - received.size,
      duplicated: [...received.values()].filter((times) => times.length > 1).length,
      timedOut,
      peakRssMb: round(Math.max(peakRss, process.memoryUsage().rss) / (1024 * 1024), 1),
    };
  } finally {
    clearInterval(sampler);
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A product the seed priced in USD; its SKU goes on every cart. */
async function findUsdSku(api: ByProjectKeyRequestBuilder): Promise<string> {
  const { body } = await api
    .productProjections()
    .get({ queryArgs: { limit: 100 } })
    .execute();
  const variant = body.results
    .map((product) => product.masterVariant)
    .find((v) => v.sku && v.prices?.some((price) => price.value.currencyCode === 'USD'));
  if (!variant?.sku) throw new Error('the sandbox has no product with a USD price; is it seeded?');
  return variant.sku;
}

async function placeOrder(api: ByProjectKeyRequestBuilder, sku: string, orderNumber: string, i: number) {
  const { body: cart } = await api
    .inStoreKeyWithStoreKeyValue({ storeKey: 'us' })
    .carts()
    .post({
      body: {
        currency: 'USD',
        country: 'US',
        customerEmail: `bench-shopper-${i}@example.com`,
        shippingAddress: { country: 'US' },
        lineItems: [{ sku, quantity: 1 }],
      },
    })
    .execute();
  await api
    .orders()
    .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: cart.version, orderNumber } })
    .execute();
}

/** Accepted purchase events per order of ours: when the emulator received each (epoch ms, real time). */
function purchasesByOrder(connector: Connector, ours: Map<string, number>): Map<string, number[]> {
  const byOrder = new Map<string, number[]>();
  // The emulator stamps requests with the sandbox clock, which may run ahead of real time.
  const clockOffset = connector.sandbox?.clock.offset ?? 0;
  for (const request of connector.sandbox?.friendbuy.requests() ?? []) {
    if (!request.path.endsWith('/v1/event/purchase') || request.status !== 201) continue;
    const orderId = (request.body as { orderId?: unknown } | undefined)?.orderId;
    if (typeof orderId !== 'string' || !ours.has(orderId)) continue;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), Date.parse(request.receivedAt) - clockOffset]);
  }
  return byOrder;
}

/** The sandbox end to end: exactly one purchase per order, and the connector's peak RSS at most 300 MB. */
export function e2eTargets(result: E2eResult): TargetCheck[] {
  return [
    {
      name: `sandbox end to end (${result.orders} orders): one purchase each`,
      actual: result.missing + result.duplicated,
      limit: '= 0 missing or doubled',
      pass: result.missing === 0 && result.duplicated === 0 && !result.timedOut,
    },
    {
      name: `sandbox end to end (${result.orders} orders): peak RSS (MB)`,
      actual: result.peakRssMb,
      limit: '≤ 300',
      pass: result.peakRssMb <= 300,
    },
  ];
}
