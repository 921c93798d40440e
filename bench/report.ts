// The bench's output: a table per part on stdout, the targets with PASS/FAIL, and the same figures as JSON.

import { mkdir, writeFile } from 'node:fs/promises';
import type { BackfillBenchResult } from './backfill.js';
import type { CodesBenchResult } from './codes.js';
import type { ConsoleBenchResult } from './console.js';
import type { E2eResult } from './e2e.js';
import type { FraudBenchResult } from './fraud.js';
import type { IntakeResult } from './intake.js';
import type { LargeOrderResult } from './large-order.js';
import type { PhaseResult } from './load.js';
import { round } from './stats.js';
import type { TargetCheck } from './target.js';

export interface BenchResults {
  startedAt: string;
  machine: { node: string; cpus: number; loadAverage1m: number };
  options: { seconds: number; rate: number; concurrency: number; orders: number; only?: string | undefined };
  intake?: IntakeResult[];
  /** A 2 MB order through the events route (bench/large-order.ts). */
  largeOrder?: LargeOrderResult[];
  /** Friendbuy webhook intake (bench/webhooks.ts), same shape as the event intake. */
  webhooks?: IntakeResult[];
  /** The cart API extension at 300 requests/s (bench/extension.ts), same shape as the event intake. */
  extension?: IntakeResult[];
  e2e?: E2eResult;
  codes?: CodesBenchResult;
  /** Fraud and eligibility over a seeded history, and the reward validation callback (bench/fraud.ts). */
  fraud?: FraudBenchResult;
  /** Backfill of orders commercetools never announced (bench/backfill.ts). */
  backfill?: BackfillBenchResult;
  /** The operator console's first page on a seeded sandbox (bench/console.ts). */
  console?: ConsoleBenchResult;
  targets?: TargetCheck[];
}

const RESULTS_FILE = new URL('./results/latest.json', import.meta.url);
const RSS_LIMIT_MB = 250;

/** The targets the figures are held to (only those whose part ran). */
export function checkTargets(intake: IntakeResult[]): TargetCheck[] {
  const measured = (target: string) => {
    const result = intake.find((r) => r.target === target);
    return result && 'fixed' in result ? result : undefined;
  };
  const checks: TargetCheck[] = [];
  const bare = measured('bare');
  const postgres = measured('postgres');
  const embedded = measured('embedded');
  if (postgres) {
    checks.push(atLeast('PostgreSQL max throughput (msg/s)', postgres.max.throughput, 1_500));
    checks.push(atMost('PostgreSQL p99 at fixed load (ms)', postgres.fixed.latencyMs.p99, 25));
    checks.push(atMost('PostgreSQL peak RSS (MB)', peakRss(postgres), RSS_LIMIT_MB));
    if (bare) checks.push(...ratioChecks('PostgreSQL', postgres, bare, { throughput: 0.65, p99: 1.3 }));
  }
  if (embedded) {
    checks.push(atLeast('embedded max throughput (msg/s)', embedded.max.throughput, 300));
    checks.push(atMost('embedded peak RSS, restarted on its data (MB)', peakRss(embedded), RSS_LIMIT_MB));
    if (embedded.firstStart)
      checks.push(atMost('embedded peak RSS, first start (MB)', embedded.firstStart.peakRssMb, RSS_LIMIT_MB));
    if (bare) checks.push(...ratioChecks('embedded', embedded, bare, { throughput: 0.45, p99: 2 }));
  }
  return checks;
}

/** Ratios to the bare route of the same run, so a busy machine slows both sides alike. */
function ratioChecks(
  name: string,
  store: Extract<IntakeResult, { fixed: PhaseResult }>,
  bare: Extract<IntakeResult, { fixed: PhaseResult }>,
  limits: { throughput: number; p99: number },
): TargetCheck[] {
  const throughput = round(store.max.throughput / bare.max.throughput);
  const p99 = round(store.fixed.latencyMs.p99 / Math.max(bare.fixed.latencyMs.p99, 0.001), 2);
  return [
    atLeast(`${name} max throughput / bare route's`, throughput, limits.throughput),
    atMost(`${name} p99 at fixed load / bare route's`, p99, limits.p99),
  ];
}

export function printReport(results: BenchResults): void {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(`ct-friendbuy bench, ${results.startedAt}, Node ${machine.node}, ${machine.cpus} CPUs`);
  if (machine.loadAverage1m > 0.5)
    lines.push(`note: load average was ${machine.loadAverage1m} at start: other processes share the CPUs`);
  if (results.intake) lines.push('', ...intakeTable(results.intake, results.options));
  if (results.webhooks)
    lines.push('', ...intakeTable(results.webhooks, results.options, 'Friendbuy webhook intake (signed)'));
  if (results.extension)
    lines.push(
      '',
      ...intakeTable(results.extension, { ...results.options, rate: 300 }, 'Cart API extension'),
    );
  if (results.e2e) lines.push('', ...e2eTable(results.e2e));
  if (results.fraud) lines.push('', ...fraudTables(results.fraud));
  if (results.targets?.length) {
    lines.push('', 'Targets');
    for (const t of results.targets)
      lines.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.actual} (${t.limit})`);
  }
  console.log(lines.join('\n'));
}

export async function writeResults(results: BenchResults): Promise<string> {
  await mkdir(new URL('./', RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  return RESULTS_FILE.pathname;
}

function intakeTable(
  intake: IntakeResult[],
  options: BenchResults['options'],
  title = 'Event intake',
): string[] {
  const header = ['target', 'phase', 'sent', 'ok', 'errors', 'msg/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
  const rows: string[][] = [[...header, 'peak RSS MB', 'server ELU', 'CPU server/gen/all', 'CPU µs/msg']];
  const notes: string[] = [];
  const bare = intake.find((r) => r.target === 'bare');
  const ceiling = intake.find((r) => r.target === 'no store');
  for (const result of intake) {
    if ('skipped' in result) {
      notes.push(`${result.target}: skipped: ${result.skipped}`);
      continue;
    }
    rows.push(phaseRow(result.target, `open ${options.rate}/s`, result.fixed));
    rows.push(phaseRow(result.target, `closed ×${options.concurrency}`, result.max));
    for (const phase of [result.fixed, result.max])
      if (phase.firstError) notes.push(`${result.target}: first error: ${phase.firstError}`);
    const serverPss = Math.max(result.fixed.storeServerPssMb ?? 0, result.max.storeServerPssMb ?? 0);
    if (serverPss > 0)
      notes.push(
        `${result.target}: its PostgreSQL server (a process tree of its own, not in peak RSS above): ` +
          `peak PSS ${serverPss} MB; connector + server ${round(peakRss(result) + serverPss, 1)} MB`,
      );
    if (result.firstStart)
      notes.push(
        `${result.target}: first start (initdb + migrations, separate process): ` +
          `${result.firstStart.seconds} s, peak RSS ${result.firstStart.peakRssMb} MB`,
      );
    const { acknowledged = 0, recorded = 0 } = result;
    // More rows than acknowledgements is a request recorded after the generator gave up on it; fewer is a loss.
    if (recorded < acknowledged)
      notes.push(
        `${result.target}: LOST: ${acknowledged} acknowledged but only ${recorded} rows in the inbox`,
      );
    else if (recorded > acknowledged)
      notes.push(`${result.target}: ${recorded - acknowledged} recorded after the generator stopped waiting`);
    for (const reference of [bare, ceiling])
      if (reference && 'fixed' in reference && result !== bare && result !== ceiling)
        notes.push(
          `${result.target} / ${reference.target}: throughput ${round(result.max.throughput / reference.max.throughput)}×, ` +
            `p99 at fixed load ${round(result.fixed.latencyMs.p99 / reference.fixed.latencyMs.p99, 1)}×`,
        );
    if (result === ceiling && bare && 'fixed' in bare)
      notes.push(
        `${result.target} (the connector's own ceiling) / bare: throughput ` +
          `${round(result.max.throughput / bare.max.throughput)}×, ` +
          `p99 at fixed load ${round(result.fixed.latencyMs.p99 / bare.fixed.latencyMs.p99, 1)}×`,
      );
  }
  return [
    `${title}, ${options.seconds} s per phase (open: fixed offered rate, latency from the scheduled send; ` +
      'closed: N connections back to back)',
    ...table(rows),
    ...notes,
  ];
}

function phaseRow(target: string, phase: string, r: PhaseResult): string[] {
  const { p50, p90, p99, max } = r.latencyMs;
  return [
    target,
    phase,
    ...[r.sent, r.ok, r.errors, r.throughput, p50, p90, p99, max, r.peakRssMb].map(String),
    String(r.serverEventLoopUtilization),
    `${r.cpuCores.process}/${r.generatorCpuCores}/${r.cpuCores.machine}`,
    String(r.cpuMicrosPerMessage),
  ];
}

function e2eTable(e: E2eResult): string[] {
  const rows = [
    [
      'orders',
      'place s',
      'total s',
      'orders/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'purchases',
      'missing',
      'dup',
      'peak RSS MB',
    ],
    [
      e.orders,
      e.placeSeconds,
      e.totalSeconds,
      e.ordersPerSecond,
      e.latencyMs.p50,
      e.latencyMs.p99,
      e.latencyMs.max,
    ]
      .concat([e.purchasesReceived, e.missing, e.duplicated, e.peakRssMb])
      .map(String),
  ];
  const verdict =
    e.missing === 0 && e.duplicated === 0
      ? 'exactly one purchase per order'
      : 'NOT exactly one purchase per order';
  return [
    'End to end (sandbox: SDK order → OrderCreated → connector → Friendbuy purchase)',
    ...table(rows),
    `${verdict}${e.timedOut ? ' (timed out)' : ''}`,
  ];
}

function fraudTables(result: FraudBenchResult): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const tally = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  const fraud = [['store', 'referrals', 'seeded', 'evaluations', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']];
  const reads = [
    ['store', 'orders', 'events/stream', 'rewards/order', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
  ];
  const notes: string[] = [];
  for (const store of result.stores) {
    if ('skipped' in store) {
      notes.push(`${store.target}: skipped: ${store.skipped}`);
      continue;
    }
    const { history, evaluation: e, eligibilityReads: r } = store;
    const seeded = `${history.seedSeconds} s${history.reused ? ' (reused)' : ''}`;
    fraud.push([
      store.target,
      count(history.referrals),
      seeded,
      ...[e.count, e.p50, e.p95, e.p99, e.max].map(String),
    ]);
    reads.push(
      [store.target, r.orders, r.eventsPerStream, r.rewardsPerOrder, r.latencyMs.p50, r.latencyMs.p95]
        .concat([r.latencyMs.p99, r.latencyMs.max])
        .map(String),
    );
    notes.push(
      `${store.target} (${store.where}): rows ${tally(history.rows)}`,
      `  lookups p50/p99 ${store.lookupsMs.p50}/${store.lookupsMs.p99} ms, assessment p50/p99 ` +
        `${store.assessUs.p50}/${store.assessUs.p99} µs; p99 by probe: ${tally(store.p99ByKind)} (ms)`,
      `  verdicts: ${tally(store.verdicts)}; fired: ${tally(store.fired)}`,
    );
  }
  const lines = [
    'Fraud evaluation with the seeded history (gatherReferralFacts + assessReferral, one at a time)',
    ...table(fraud),
    ...notes,
    '',
    'Eligibility: store reads per order (readStream + findReferral + listAdvocateRewards)',
    ...table(reads),
  ];
  const decision = result.eligibilityDecision;
  if (decision)
    lines.push(
      `Eligibility decision (pure, over ${decision.orders} of those streams): p50 ${decision.latencyUs.p50} µs, ` +
        `p99 ${decision.latencyUs.p99} µs, max ${decision.latencyUs.max} µs; ${tally(decision.statuses)}`,
    );
  const callbacks = [
    [
      'store',
      'connections',
      'answered',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'CPU ms/answer',
      'answers',
    ],
  ];
  const callbackNotes: string[] = [];
  for (const run of result.callbacks) {
    if ('skipped' in run) {
      callbackNotes.push(`${run.target}: skipped: ${run.skipped}`);
      continue;
    }
    for (const p of [run.sequential, run.concurrent])
      callbacks.push(
        [
          run.target,
          p.concurrency,
          p.answered,
          p.perSecond,
          p.latencyMs.p50,
          p.latencyMs.p95,
          p.latencyMs.p99,
        ]
          .concat([p.latencyMs.max, p.cpuMsPerAnswer])
          .map(String)
          .concat(tally(p.outcomes)),
      );
    callbackNotes.push(
      `${run.target}: purchases ${tally(run.purchases)}; first answers ${tally(run.firstAnswers)}; ` +
        `setup ${run.setupSeconds} s; ${run.fraudAssessments} fraud assessments recorded; ` +
        `${run.eventsPerStream} ledger events per order stream at the end`,
    );
  }
  lines.push(
    '',
    'Reward validation callback (sandbox connector: order read from the emulated commercetools, eligibility ' +
      'evaluated, answer recorded)',
    ...table(callbacks),
    ...callbackNotes,
  );
  return lines;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => `  ${row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ')}`);
}

function peakRss(result: Extract<IntakeResult, { fixed: PhaseResult }>): number {
  return Math.max(result.fixed.peakRssMb, result.max.peakRssMb);
}

function atLeast(name: string, actual: number, limit: number): TargetCheck {
  return { name, actual, limit: `≥ ${limit}`, pass: actual >= limit };
}

function atMost(name: string, actual: number, limit: number): TargetCheck {
  return { name, actual, limit: `≤ ${limit}`, pass: actual <= limit };
}
