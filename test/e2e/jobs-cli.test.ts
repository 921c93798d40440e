// `ct-friendbuy jobs`, run as a Connect job application would: a process of its own with its own store, talking
// to the commercetools and Friendbuy that the sandbox connector emulates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { type CliRun, runCli } from '../helpers/process.js';

const PROCESS_MS = 120_000;

describe('the one-shot job runner', () => {
  let connector: TestConnector;
  let dataDir: string;
  let cli: (...args: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-jobs-'));
    const env = { PORT: new URL(connector.url).port, DATA_DIR: dataDir, DATABASE_URL: '' };
    cli = (...args) => runCli(args, env);
  }, PROCESS_MS);
  afterAll(async () => {
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it(
    'lists the job kinds, with the schedule of the recurring ones',
    async () => {
      const run = await cli('jobs', 'list');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/friendbuy\.analytics-pull\s+every 15 min, cron "\*\/15 \* \* \* \*"/);
      expect(run.stdout).toMatch(/friendbuy\.purchase\s+when queued/);
    },
    PROCESS_MS,
  );

  it(
    'runs the analytics pull once against its store and the emulated Friendbuy, then exits 0',
    async () => {
      const createdOn = new Date(connector.clock.now().getTime() - 60_000).toISOString();
      await fetch(`${connector.url}/sandbox/friendbuy/analytics/shares`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { advocateCustomerId: 'cust-jobs', advocateEmail: 'jobs@example.com', channel: 'email', createdOn },
        ]),
      });

      const run = await cli('jobs', 'run', 'friendbuy.analytics-pull');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('friendbuy.analytics-pull: done');

      const db = await openStore({ dataDir });
      try {
        const shares = await db.query(
          `SELECT 1 FROM ledger WHERE stream = 'advocate:cust-jobs' AND type = 'referral.share'`,
        );
        expect(shares.rowCount).toBe(1);
      } finally {
        await db.close();
      }
    },
    PROCESS_MS,
  );

  it(
    'refuses, with a non-zero exit, a kind that is unknown or not recurring',
    async () => {
      const unknown = await cli('jobs', 'run', 'no.such-job');
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('no job kind "no.such-job"');
      const queued = await cli('jobs', 'run', 'friendbuy.purchase');
      expect(queued.code).not.toBe(0);
      expect(queued.stderr).toContain('"friendbuy.purchase" is not a recurring job');
    },
    PROCESS_MS,
  );
});
