// Code-bank generation throughput against the sandbox, the way `ct-friendbuy codes generate` runs there: the
// admin API starts a batch, the connector generates it as outbox jobs (commercetools emulated in-process,
// the embedded PostgreSQL), and we poll until it completes. Once sequentially and once at the chosen concurrency.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, SANDBOX_DEFAULTS } from '../src/config.js';
import { startConnector } from '../src/connector.js';
import { createLogger } from '../src/logger.js';
import type { CodeBatch } from '../src/store/code-batches.js';
import { round } from './stats.js';

export interface CodesRun {
  concurrency: number;
  codes: number;
  seconds: number;
  codesPerSecond: number;
  /** Lines of the code-bank CSV; must equal `codes`. */
  csvLines: number;
}

export interface CodesBenchResult {
  store: 'embedded';
  runs: CodesRun[];
}

const CAMPAIGN = 'sandbox-us-referral';
const POLL_MS = 50;

export async function benchCodes(options: { codes: number; concurrency: number }): Promise<CodesBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-codes-'));
  const connector = await startConnector({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
  });
  const headers = {
    authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
    'content-type': 'application/json',
  };
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${connector.url}${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
  try {
    const runs: CodesRun[] = [];
    for (const concurrency of [...new Set([1, options.concurrency])]) {
      const started = Date.now();
      const body = JSON.stringify({ campaignId: CAMPAIGN, count: options.codes, concurrency });
      let { batch } = (await (await call('/admin/api/code-batches', { method: 'POST', body })).json()) as {
        batch: CodeBatch;
      };
      while (batch.status !== 'completed') {
        if (Date.now() - started > 600_000)
          throw new Error(`batch ${batch.id} did not complete in 10 minutes`);
        await sleep(POLL_MS);
        ({ batch } = (await (await call(`/admin/api/code-batches/${batch.id}`)).json()) as {
          batch: CodeBatch;
        });
      }
      const seconds = (Date.now() - started) / 1000;
      const csv = await (await call(`/admin/api/code-batches/${batch.id}/codes`)).text();
      runs.push({
        concurrency,
        codes: batch.created,
        seconds: round(seconds),
        codesPerSecond: round(batch.created / seconds, 1),
        csvLines: csv.split('\n').filter(Boolean).length,
      });
    }
    return { store: 'embedded', runs };
  } finally {
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function codesTable(result: CodesBenchResult): string[] {
  const rows = [
    ['concurrency', 'codes', 'seconds', 'codes/s', 'CSV lines'],
    ...result.runs.map((run) =>
      [run.concurrency, run.codes, run.seconds, run.codesPerSecond, run.csvLines].map(String),
    ),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return [
    `Code-bank generation (sandbox, ${result.store}: admin API → outbox job → emulated commercetools)`,
    ...rows.map((row) => `  ${row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ')}`),
  ];
}
