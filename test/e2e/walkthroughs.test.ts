// The README's sandbox walkthroughs, run as written: `npm start` in one process, then the `ct-friendbuy`
// commands in others, against it. The embedded store belongs to the connector process, so the CLI has to go
// through the admin API where it needs the store.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { DEMO_ADVOCATES } from '../../src/sandbox/referral-demo.js';
import { type CliRun, type ConnectorProcess, runCli, startConnectorProcess } from '../helpers/process.js';

// Starting processes (tsx, the embedded PostgreSQL, the sandbox seed) takes seconds each, and more on a busy CI machine.
const PROCESS_MS = 180_000;
const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };

describe('the README walkthroughs against `npm start`', () => {
  let dataDir: string;
  let connector: ConnectorProcess;
  let url: string;
  let cli: (...args: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-walkthrough-'));
    connector = startConnectorProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    url = await connector.url;
    const env = { PORT: new URL(url).port, DATA_DIR: dataDir, DATABASE_URL: '' };
    cli = (...args) => runCli(args, env);
  }, PROCESS_MS);
  afterAll(async () => {
    connector?.child.kill('SIGTERM');
    await connector?.exited;
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('prints where to start when it is ready, and that page answers', async () => {
    await expect.poll(() => connector.output(), { timeout: 30_000 }).toContain(`sandbox ready: open ${url}/`);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('href="/sandbox/store?store=us"');
  });

  it(
    '`sandbox shared-device` holds the third friend, and the review filter it prints finds the case',
    async () => {
      const run = await cli('sandbox', 'shared-device');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.match(/fraud check: approve/g)).toHaveLength(2);
      expect(run.stdout).toMatch(/fraud check: hold \(score \d+; signals: .*repeatedAccounts/);
      const reviewId = Number(run.stdout.match(/review (\d+) is open/)?.[1]);
      const filter = run.stdout.split('\n').find((line) => line.includes('/admin/api/reviews?'));
      expect(filter).toContain('signal=repeatedAccounts');
      // The suggested command, run as printed.
      const { stdout } = await promisify(execFile)('bash', ['-c', filter ?? 'false']);
      const listed = JSON.parse(stdout) as { reviews: { id: number }[] };
      expect(listed.reviews.map((r) => r.id)).toContain(reviewId);
    },
    PROCESS_MS,
  );

  it(
    '`ledger verify` checks the chains while the connector holds the store',
    async () => {
      const run = await cli('ledger', 'verify');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ledger intact: [1-9]\d* event\(s\) verified\n$/);
    },
    PROCESS_MS,
  );

  it(
    '`analytics pull` after a click on a demo advocate’s link: the funnel shows the click',
    async () => {
      const advocate = DEMO_ADVOCATES[0];
      const click = await fetch(`${url}/sandbox/friendbuy/r/${advocate.referralCode}`, {
        redirect: 'manual',
      });
      expect(click.status).toBe(302);
      const run = await cli('analytics', 'pull');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^clicks: \d+ new$/m);
      const funnel = await fetch(`${url}/admin/api/advocates/${encodeURIComponent(advocate.email)}/funnel`, {
        headers: ADMIN,
      });
      expect(((await funnel.json()) as { counts: { click: number } }).counts.click).toBe(1);
    },
    PROCESS_MS,
  );

  it(
    '`codes generate` for a campaign that does not exist names the configured ones',
    async () => {
      const run = await cli('codes', 'generate', '--campaign', 'spring', '--count', '10');
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('no campaign "spring" is configured');
      expect(run.stderr).toContain('sandbox-us-referral, sandbox-eu-referral');
    },
    PROCESS_MS,
  );
});
