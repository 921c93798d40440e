// Backfill throughput against the sandbox, the way `ct-friendbuy backfill` runs there: orders imported into the
// emulated commercetools without any message, then one backfill through the admin API (history only, so nothing
// waits on Friendbuy), timed to the end of reading and recording (the run is done) and to the end of processing
// (every recorded message has become ledger facts). The embedded PostgreSQL, or with BENCH_BACKFILL_STORE=postgres a
// schema of its own on BENCH_DATABASE_URL's server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readModifiedPage } from '../src/commercetools/modified-pages.js';
import { loadConfig, SANDBOX_DEFAULTS } from '../src/config.js';
import { startConnector } from '../src/connector.js';
import type { BackfillProgress } from '../src/flows/backfill/start-backfill.js';
import { createLogger } from '../src/logger.js';
import { sandboxApiClient } from '../src/sandbox/api-client.js';
import { importSandboxOrders } from '../src/sandbox/import-orders.js';
import { round } from './stats.js';

export interface BackfillBenchResult {
  store: 'embedded' | 'postgres';
  orders: number;
  importSeconds: number;
  /** Reading commercetools page by page and recording each page in the inbox. */
  recordSeconds: number;
  recordedPerSecond: number;
  /** Until every recorded message was processed into ledger facts (history: no purchase sent). */
  processedSeconds: number;
  processedPerSecond: number;
  /**
   * One page of 500 orders read from the emulated commercetools on its own, after the run: the emulator scans
   * and sorts every order on each query, which real commercetools answers from an index.
   */
  emulatedPageReadSeconds: number;
}

const POLL_MS = 100;

export function backfillTable(result: BackfillBenchResult): string[] {
  return [
    `backfill of ${result.orders} sandbox orders (${result.store}; imported in ${result.importSeconds} s)`,
    `  read and recorded: ${result.recordSeconds} s, ${result.recordedPerSecond} orders/s`,
    `  processed into the ledger: ${result.processedSeconds} s, ${result.processedPerSecond} orders/s`,
    `  one page of 500 orders from the emulated commercetools: ${result.emulatedPageReadSeconds} s`,
  ];
}

export async function benchBackfill(options: {
  orders: number;
  store: 'embedded' | 'postgres';
  databaseUrl: string;
}): Promise<BackfillBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-backfill-'));
  // PostgreSQL: a schema of its own in the bench database, dropped afterwards.
  const schema = `bench_backfill_${randomBytes(4).toString('hex')}`;
  const store = options.store === 'postgres' ? { url: options.databaseUrl, schema } : undefined;
  const connector = await startConnector({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
    ...(store ? { store } : {}),
  });
  const headers = {
    authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
    'content-type': 'application/json',
  };
  const call = async <T>(path: string, body?: object): Promise<T> => {
    const response = await fetch(`${connector.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers,
      body: body ? JSON.stringify(body) : undefined,
    }).catch(async (error: unknown) => {
      // A poll may meet a kept-alive connection the busy server just closed; a read is safe to ask again.
      if (body) throw error;
      await sleep(POLL_MS);
      return fetch(`${connector.url}${path}`, { headers });
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  try {
    const api = sandboxApiClient(connector.sandbox!.urls, 'bench');
    const importing = Date.now();
    await importSandboxOrders(api, { count: options.orders, concurrency: 16 });
    const importSeconds = (Date.now() - importing) / 1000;
    console.error(`backfill: ${options.orders} orders imported in ${round(importSeconds)} s`);

    const started = Date.now();
    let run = await call<BackfillProgress>('/admin/api/backfills', { since: '1d' });
    while (run.status === 'running') {
      await sleep(POLL_MS);
      run = await call<BackfillProgress>(`/admin/api/backfills/${run.id}`);
    }
    if (run.status !== 'done' || run.recorded < options.orders)
      throw new Error(`backfill ended ${run.status} with ${run.recorded} recorded: ${run.error}`);
    const recordSeconds = (Date.now() - started) / 1000;
    for (;;) {
      const pending = await connector.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM outbox WHERE status = 'pending' AND kind = 'commercetools.message'`,
      );
      if (pending.rows[0]?.count === 0) break;
      await sleep(POLL_MS);
    }
    const processedSeconds = (Date.now() - started) / 1000;
    const reading = Date.now();
    await readModifiedPage(api, {
      resource: 'orders',
      since: new Date(run.since),
      until: new Date(run.until),
      limit: 500,
    });
    const emulatedPageReadSeconds = (Date.now() - reading) / 1000;
    return {
      store: options.store,
      orders: options.orders,
      importSeconds: round(importSeconds),
      recordSeconds: round(recordSeconds),
      recordedPerSecond: round(options.orders / recordSeconds),
      processedSeconds: round(processedSeconds),
      processedPerSecond: round(options.orders / processedSeconds),
      emulatedPageReadSeconds: round(emulatedPageReadSeconds),
    };
  } finally {
    if (store) await connector.db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
