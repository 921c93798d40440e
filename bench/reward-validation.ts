// Friendbuy's reward validation callback (POST /callbacks/friendbuy/reward-validation) against a sandbox
// connector, on a PostgreSQL server and on the embedded store, for referred orders whose answers are known (validation-orders.ts):
// 200 eligible, 503 pending, 400 ineligible or unknown. Each callback does what it does in production: finds
// the order, reads it from commercetools (here the emulator, in this process, over HTTP), evaluates its
// eligibility (the first time also its fraud check) and records the answer on the ledger. Measured one
// request at a time, then with 8 connections; the connector and the emulator share this process's CPU.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.js';
import { type Connector, startConnector } from '../src/connector.js';
import { createLogger } from '../src/logger.js';
import { openPostgres } from '../src/store/postgres.js';
import { ensureFraudDatabase } from './fraud-store.js';
import { type PhaseResult, runLoad } from './load.js';
import type { ValidationBodies } from './load-generator.js';
import { round } from './stats.js';
import { signedValidationRequests } from './validation-messages.js';
import { placeValidationOrders, VALIDATION_CAMPAIGNS } from './validation-orders.js';

const SETTLE_MS = 60_000;

export type RewardValidationResult =
  | {
      target: 'postgres' | 'embedded';
      /** Purchases asked about, per expected answer. */
      purchases: Record<string, number>;
      setupSeconds: number;
      /** What the warm-up (each purchase asked once) answered, by HTTP status. */
      firstAnswers: Record<string, number>;
      sequential: CallbackPhase;
      concurrent: CallbackPhase;
      /** Ledger events per order stream at the end (every answer is recorded on the order's stream). */
      eventsPerStream: number;
      /** `fraud.assessed` events recorded for the orders (at the first evaluation, and at the reward). */
      fraudAssessments: number;
    }
  | { target: 'postgres' | 'embedded'; skipped: string };

export interface CallbackPhase {
  concurrency: number;
  answered: number;
  perSecond: number;
  outcomes: Record<string, number>;
  latencyMs: PhaseResult['latencyMs'];
  /** CPU time of this process (connector, emulators, not the embedded server's) per answer. */
  cpuMsPerAnswer: number;
}

export async function benchRewardValidation(options: {
  seconds: number;
  databaseUrl: string;
}): Promise<RewardValidationResult[]> {
  const results: RewardValidationResult[] = [];
  for (const target of ['postgres', 'embedded'] as const) {
    results.push(await benchOn(target, options));
    console.error(`reward validation: ${target} done`);
  }
  return results;
}

async function benchOn(
  target: 'postgres' | 'embedded',
  options: { seconds: number; databaseUrl: string },
): Promise<RewardValidationResult> {
  let store: { url: string; schema: string } | undefined;
  if (target === 'postgres') {
    const database = await ensureFraudDatabase(options.databaseUrl);
    if ('skipped' in database) return { target, skipped: database.skipped };
    store = { url: database.url, schema: `callbacks_${randomBytes(4).toString('hex')}` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'ctfb-bench-callbacks-'));
  // Run as root, the embedded server runs as the user postgres, which must pass through this folder to DATA_DIR.
  await chmod(dir, 0o711);
  const campaignsFile = join(dir, 'campaigns.json');
  await writeFile(campaignsFile, JSON.stringify(VALIDATION_CAMPAIGNS));
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
    const purchases = await placeValidationOrders(connector);
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
    const streams = await connector.db.query<{ events: number; assessed: number }>(
      `SELECT round(avg(n))::int AS events, sum(assessed)::int AS assessed FROM (SELECT count(*) AS n,
         count(*) FILTER (WHERE type = 'fraud.assessed') AS assessed FROM ledger
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
      fraudAssessments: streams.rows[0]?.assessed ?? 0,
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
    cpuMsPerAnswer: round((result.cpuCores.process * result.elapsedSeconds * 1000) / Math.max(1, answered)),
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
