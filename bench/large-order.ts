// A large order through intake: OrderCreated for a 2 MB order (about 1,300 line items shaped as the API
// reference's order example), in its Pub/Sub push envelope, posted to POST /events/commercetools one after
// another. Measures the acknowledgement latency and what the process's memory does, on each store.
import type { AddressInfo } from 'node:net';
import { systemClock } from '../src/clock.js';
import { encodePubSubEnvelope } from '../src/commercetools/envelope.js';
import { createHttpApp } from '../src/http/app.js';
import { registerEventsRoute } from '../src/http/routes/events.js';
import { createLogger } from '../src/logger.js';
import { createConnectorMetrics } from '../src/observability/metrics.js';
import { createInboxWriter } from '../src/store/inbox-writer.js';
import { orderCreatedDelivery, referenceOrder } from '../test/helpers/reference-order.js';
import { openEmbeddedStore, openPostgresStore } from './intake.js';
import { type LatencySummary, round, summarize } from './stats.js';

export type LargeOrderResult =
  | {
      target: 'postgres' | 'embedded';
      orderMb: number;
      bodyMb: number;
      deliveries: number;
      acknowledged: number;
      latencyMs: LatencySummary;
      /** RSS before the first delivery, at its peak, and after the last (MB). */
      rssMb: { before: number; peak: number; after: number };
    }
  | { target: 'postgres' | 'embedded'; skipped: string };

const TOKEN = 'bench-events-token';
const MB = 1024 * 1024;

export async function benchLargeOrder(options: {
  databaseUrl: string;
  orderBytes?: number;
  deliveries?: number;
}): Promise<LargeOrderResult[]> {
  const results: LargeOrderResult[] = [];
  for (const target of ['postgres', 'embedded'] as const) {
    const store =
      target === 'postgres' ? await openPostgresStore(options.databaseUrl) : await openEmbeddedStore();
    if ('skipped' in store) {
      results.push({ target, skipped: store.skipped });
      continue;
    }
    try {
      results.push(await measure(target, store.db, options.orderBytes ?? 2 * MB, options.deliveries ?? 20));
    } finally {
      await store.cleanup();
    }
  }
  return results;
}

async function measure(
  target: 'postgres' | 'embedded',
  db: Parameters<typeof registerEventsRoute>[1]['db'],
  orderBytes: number,
  deliveries: number,
): Promise<LargeOrderResult> {
  const app = createHttpApp(createLogger('silent'));
  registerEventsRoute(app, {
    db,
    clock: systemClock,
    inbox: createInboxWriter(db),
    auth: { kind: 'token', token: TOKEN },
    metrics: createConnectorMetrics(),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/events/commercetools`;
  // Bodies are built before measuring, so building them does not count in the latency or the memory.
  const orders = Array.from({ length: deliveries }, () => referenceOrder(orderBytes));
  const bodies = orders.map((order, i) =>
    JSON.stringify(encodePubSubEnvelope(orderCreatedDelivery(order), `large-${i}`)),
  );
  const orderMb = round(JSON.stringify(orders[0]).length / MB);
  orders.length = 0;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const latencies: number[] = [];
  let acknowledged = 0;
  try {
    for (const body of bodies) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status === 200) acknowledged++;
    }
  } finally {
    clearInterval(sampler);
    await app.close();
  }
  return {
    target,
    orderMb,
    bodyMb: round((bodies[0]?.length ?? 0) / MB),
    deliveries,
    acknowledged,
    latencyMs: summarize(latencies),
    rssMb: {
      before: round(before / MB, 0),
      peak: round(peak / MB, 0),
      after: round(process.memoryUsage().rss / MB, 0),
    },
  };
}

export function largeOrderTable(results: LargeOrderResult[]): string[] {
  const lines = [
    'Large order through intake (OrderCreated of a 2 MB order in a Pub/Sub envelope, one at a time)',
  ];
  for (const r of results) {
    if ('skipped' in r) {
      lines.push(`  ${r.target}: skipped: ${r.skipped}`);
      continue;
    }
    const { p50, p90, max } = r.latencyMs;
    lines.push(
      `  ${r.target}: order ${r.orderMb} MB, body ${r.bodyMb} MB, ${r.acknowledged}/${r.deliveries} acknowledged, ` +
        `p50 ${p50} ms, p90 ${p90} ms, max ${max} ms; RSS ${r.rssMb.before} → peak ${r.rssMb.peak} → ${r.rssMb.after} MB`,
    );
  }
  return lines;
}
