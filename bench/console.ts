// The operator console's first page on a busy sandbox: a sandbox connector (embedded store) seeded with
// BENCH_CONSOLE_REFERRALS referrals (`ct-friendbuy sandbox seed-referrals`), then headless Chromium, each run
// in a fresh browser profile (nothing cached): open /console, press the demo reviewer's sign-in button as soon as
// it shows, and stop the clock when the review queue's table (or its empty state) has rendered. The script is
// bundled while the connector starts, as `npm start` does; its build time is reported on its own.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, SANDBOX_DEFAULTS } from '../src/config.js';
import { startConnector } from '../src/connector.js';
import { consoleScript } from '../src/http/routes/console.js';
import { createLogger } from '../src/logger.js';
import { round } from './stats.js';
import type { TargetCheck } from './target.js';

const RUNS = 5;
const TARGET_MS = 1000;

export interface ConsoleBenchResult {
  referrals: number;
  /** False when the seeding command failed (its output is in `seedError`): the queue was measured as it was. */
  seeded: boolean;
  seedError?: string;
  seedSeconds: number;
  /** esbuild bundling the console's modules, once per process. */
  bundleMs: number;
  /** The entry module and what it imports up front (the dashboard's charts load on their own). */
  entryKb: number;
  totalKb: number;
  /** Per run, cold browser: /console to the sign-in button, and on to the rendered queue. */
  signInShownMs: number[];
  queueRenderedMs: number[];
  /** The rows the first page of the queue showed (50 at most: the server pages). */
  queueRows: number;
  /** The queue's first page from the admin API alone (the admin token, no browser), per run. */
  queueApiMs: number[];
  skipped?: string;
}

/** The middle run of an odd number of runs, in ms. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export function consoleTable(result: ConsoleBenchResult): string[] {
  if (result.skipped) return [`console: skipped (${result.skipped})`];
  return [
    `console first page (sandbox with ${result.referrals} referrals${result.seeded ? '' : `, NOT seeded: ${result.seedError}`})`,
    `  script: ${result.entryKb} kB entry module, ${result.totalKb} kB in all, minified; bundled in ${result.bundleMs} ms at start`,
    `  sign-in page interactive: median ${median(result.signInShownMs)} ms (${result.signInShownMs.join(', ')})`,
    `  review queue rendered (from /console, signed in on the way): median ${median(result.queueRenderedMs)} ms (${result.queueRenderedMs.join(', ')}); ${result.queueRows} rows`,
    `  of which the queue's first page from the admin API: median ${median(result.queueApiMs)} ms (${result.queueApiMs.join(', ')})`,
  ];
}

export function consoleTargets(result: ConsoleBenchResult): TargetCheck[] {
  if (result.skipped) return [];
  const queueMedian = median(result.queueRenderedMs);
  return [
    {
      name: `console: review queue interactive, cold browser, ${result.referrals} referrals (median ms)`,
      actual: queueMedian,
      limit: `≤ ${TARGET_MS}`,
      pass: queueMedian <= TARGET_MS,
    },
  ];
}

export async function benchConsole(options: { referrals: number }): Promise<ConsoleBenchResult> {
  const empty = {
    signInShownMs: [],
    queueRenderedMs: [],
    queueRows: 0,
    queueApiMs: [],
    bundleMs: 0,
    entryKb: 0,
    totalKb: 0,
    seedSeconds: 0,
  };
  // Loaded only for this part: the browser driver adds ~45 MB to the process whose RSS the intake part reports.
  const { CHROMIUM, launchChromium } = await import('../test/helpers/chromium.js');
  if (!existsSync(CHROMIUM))
    return { referrals: options.referrals, seeded: false, ...empty, skipped: `${CHROMIUM} is missing` };
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-console-'));
  const bundling = Date.now();
  const script = consoleScript();
  const connector = await startConnector({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
  });
  const browser = await launchChromium();
  try {
    const built = await script;
    const bundleMs = Date.now() - bundling;

    const seeding = Date.now();
    const seed = await cli([
      'sandbox',
      'seed-referrals',
      '--count',
      String(options.referrals),
      '--url',
      connector.url,
    ]);
    const seedSeconds = round((Date.now() - seeding) / 1000);
    console.error(`console: seeding ${seed.code === 0 ? 'done' : 'FAILED'} in ${seedSeconds} s`);

    const signInShownMs: number[] = [];
    const queueRenderedMs: number[] = [];
    let queueRows = 0;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${connector.url}/console/reviews`);
      const signIn = page.getByRole('button', { name: 'Sign in as fraud reviewer' });
      await signIn.waitFor();
      signInShownMs.push(Math.round(performance.now() - started));
      await signIn.click();
      await page
        .locator('[data-testid="review-queue"], [role="status"]')
        .first()
        .waitFor({ timeout: 30_000 });
      queueRenderedMs.push(Math.round(performance.now() - started));
      queueRows = await page.locator('[data-testid="review-queue"] tbody tr').count();
      await context.close();
    }
    const queueApiMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const response = await fetch(`${connector.url}/admin/api/reviews?status=open&sort=decideBy&limit=50`, {
        headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
      });
      await response.json();
      queueApiMs.push(Math.round(performance.now() - started));
    }
    return {
      referrals: options.referrals,
      seeded: seed.code === 0,
      ...(seed.code === 0 ? {} : { seedError: seed.output.trim().split('\n').slice(-2).join(' ') }),
      seedSeconds,
      bundleMs,
      entryKb: Math.round((built.assets.get(built.entry)?.js.length ?? 0) / 1024),
      totalKb: Math.round([...built.assets.values()].reduce((sum, a) => sum + a.js.length, 0) / 1024),
      signInShownMs,
      queueRenderedMs,
      queueRows,
      queueApiMs,
    };
  } finally {
    await browser.close();
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `ct-friendbuy <args>` as the README runs it, against the bench's connector. */
function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['bin/ct-friendbuy.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}
