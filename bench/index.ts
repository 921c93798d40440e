// `npm run bench`: event intake (bare route, the connector with no store, PostgreSQL server, embedded PostgreSQL)
// and the sandbox end to end, printed as tables and written to bench/results/latest.json. Missed targets are
// printed, not fatal; only a crash exits non-zero.
// Env: BENCH_SECONDS (per phase, default 10),
// BENCH_ONLY=intake|large-order|webhooks|e2e|codes|extension|fraud|backfill|console,
// BENCH_ORDERS (default 100),
// BENCH_RATE (fixed offered load, default 500 msg/s), BENCH_CONCURRENCY (closed-loop connections, default 32),
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ctfb_bench; skipped when unreachable),
// BENCH_CODES (code-bank codes per run, default 500), BENCH_CODE_CONCURRENCY (default 8),
// BENCH_FRAUD_REFERRALS (the fraud bench's history, default 1,000,000; kept in the database ctfb_bench_fraud on
// the BENCH_DATABASE_URL server and in the temporary folder for the embedded store, reused by later runs),
// BENCH_FRAUD_EMBEDDED_REFERRALS (the embedded store's history, default the same),
// BENCH_BACKFILL_ORDERS (orders imported without a message, then backfilled; default 10,000),
// BENCH_BACKFILL_STORE=postgres (the backfill on BENCH_DATABASE_URL's server instead of the embedded store),
// BENCH_CONSOLE_REFERRALS (the sandbox's seeded referrals behind the console's first page; default 10,000).
import { cpus, loadavg } from 'node:os';
import { backfillTable, benchBackfill } from './backfill.js';
import { inCompiledChild } from './child.js';
import { benchCodes, codesTable } from './codes.js';
import { benchConsole, consoleTable, consoleTargets } from './console.js';
import { e2eTargets } from './e2e.js';
import { benchCartExtension, extensionTargets } from './extension.js';
import { benchFraud, fraudTargets } from './fraud.js';
import type { IntakeResult } from './intake.js';
import { benchLargeOrder, largeOrderTable } from './large-order.js';
import { type BenchResults, checkTargets, printReport, writeResults } from './report.js';
import { benchWebhooks } from './webhooks.js';

const env = process.env;
const options = {
  seconds: numberFrom('BENCH_SECONDS', 10, 600),
  rate: numberFrom('BENCH_RATE', 500, 20_000),
  concurrency: numberFrom('BENCH_CONCURRENCY', 32, 1_000),
  orders: numberFrom('BENCH_ORDERS', 100, 10_000),
  only: env.BENCH_ONLY || undefined,
};
const PARTS = [
  'intake',
  'large-order',
  'webhooks',
  'e2e',
  'codes',
  'extension',
  'fraud',
  'backfill',
  'console',
];
if (options.only !== undefined && !PARTS.includes(options.only))
  throw new Error(`BENCH_ONLY must be one of ${PARTS.join(', ')} (got "${options.only}")`);
const databaseUrl = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ctfb_bench';

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  machine: { node: process.versions.node, cpus: cpus().length, loadAverage1m: loadavg()[0] ?? 0 },
  options,
};

if (options.only === undefined || options.only === 'intake') {
  const intake: IntakeResult[] = [];
  for (const target of ['bare', 'no store', 'postgres', 'embedded'] as const) {
    const result = await inCompiledChild({ part: 'intake', target, options: { ...options, databaseUrl } });
    console.error(`intake: ${result.target} done`);
    intake.push(result);
  }
  results.intake = intake;
  results.targets = checkTargets(intake);
}
if (options.only === undefined || options.only === 'large-order') {
  results.largeOrder = await benchLargeOrder({ databaseUrl });
  console.error('large order: done');
}
if (options.only === undefined || options.only === 'webhooks') {
  results.webhooks = await benchWebhooks({ ...options, databaseUrl });
}
if (options.only === undefined || options.only === 'extension') {
  results.extension = await benchCartExtension({ ...options, databaseUrl });
  results.targets = [...(results.targets ?? []), ...extensionTargets(results.extension)];
}
if (options.only === undefined || options.only === 'e2e') {
  // Generous: the sandbox places and reports a few orders a second.
  results.e2e = await inCompiledChild({
    part: 'e2e',
    options: { orders: options.orders, timeoutSeconds: 60 + options.orders },
  });
  results.targets = [...(results.targets ?? []), ...e2eTargets(results.e2e)];
  console.error('e2e: done');
}
if (options.only === undefined || options.only === 'codes') {
  const codes = numberFrom('BENCH_CODES', 500, 100_000);
  results.codes = await benchCodes({ codes, concurrency: numberFrom('BENCH_CODE_CONCURRENCY', 8, 32) });
  console.error('codes: done');
}

if (options.only === undefined || options.only === 'fraud') {
  const referrals = numberFrom('BENCH_FRAUD_REFERRALS', 1_000_000, 10_000_000);
  results.fraud = await benchFraud({
    seconds: options.seconds,
    databaseUrl,
    referrals: {
      postgres: referrals,
      embedded: numberFrom('BENCH_FRAUD_EMBEDDED_REFERRALS', referrals, 10_000_000),
    },
  });
  results.targets = [...(results.targets ?? []), ...fraudTargets(results.fraud)];
  console.error('fraud: done');
}

if (options.only === undefined || options.only === 'backfill') {
  results.backfill = await benchBackfill({
    orders: numberFrom('BENCH_BACKFILL_ORDERS', 10_000, 100_000),
    store: env.BENCH_BACKFILL_STORE === 'postgres' ? 'postgres' : 'embedded',
    databaseUrl,
  });
  console.error('backfill: done');
}

if (options.only === undefined || options.only === 'console') {
  results.console = await benchConsole({
    referrals: numberFrom('BENCH_CONSOLE_REFERRALS', 10_000, 1_000_000),
  });
  results.targets = [...(results.targets ?? []), ...consoleTargets(results.console)];
  console.error('console: done');
}

printReport(results);
if (results.largeOrder) console.log(['', ...largeOrderTable(results.largeOrder)].join('\n'));
if (results.codes) console.log(['', ...codesTable(results.codes)].join('\n'));
if (results.backfill) console.log(['', ...backfillTable(results.backfill)].join('\n'));
if (results.console) console.log(['', ...consoleTable(results.console)].join('\n'));
console.log(`\nwritten to ${await writeResults(results)}`);

function numberFrom(name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${name} must be a number in (0, ${max}]`);
  return value;
}
