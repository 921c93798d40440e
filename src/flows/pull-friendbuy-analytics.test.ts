import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConnector, type TestConnector } from '../../test/helpers/connector.js';
import { flowDepsOf } from '../../test/helpers/flow-deps.js';
import { createMapiClient } from '../friendbuy/mapi-client.js';
import { scheduleNextRun } from '../jobs/schedules.js';
import { readAnalyticsCursor } from '../store/analytics-cursors.js';
import type { Job } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { analyticsPullJob, createAnalyticsPuller } from './pull-friendbuy-analytics.js';

describe('the Friendbuy analytics pull', () => {
  let connector: TestConnector;
  let deps: FlowDeps;
  const context = () => ({ job: { correlationId: 'test' } as Job, logger: connector.logger });
  const shares = async () =>
    (
      await connector.db.query(
        `SELECT 1 FROM ledger WHERE stream = 'advocate:cust-ana' AND type = 'referral.share'`,
      )
    ).rowCount;

  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    deps = await flowDepsOf(connector, {
      campaigns: [],
      friendbuy: createMapiClient({
        baseUrl: connector.sandbox.urls.friendbuyApiUrl,
        key: connector.config.friendbuy.mapiKey,
        secret: connector.config.friendbuy.mapiSecret,
        maxRetries: 0,
        now: () => connector.clock.now(),
      }),
      customTypes: { order: { key: 'o', id: 'o' }, customer: { key: 'c', id: 'c' } },
    });
    const start = connector.clock.now().getTime() - 3_600_000;
    const rows = Array.from({ length: 5 }, (_, i) => ({
      advocateCustomerId: 'cust-ana',
      advocateEmail: 'ana@example.com',
      referralCode: 'ANA',
      channel: 'email',
      createdOn: new Date(start + i * 60_000).toISOString(),
    }));
    await fetch(`${connector.url}/sandbox/friendbuy/analytics/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('reads page by page, keeping its place in the store between runs', async () => {
    const pull = createAnalyticsPuller(deps, { pageSize: 2, maxPagesPerRun: 1 });
    await pull({}, context());
    expect(await shares()).toBe(2);
    expect((await readAnalyticsCursor(connector.db, 'shares')).pageToken).toEqual(expect.any(String));

    // Friendbuy fails: nothing recorded, the place is kept, the timer is not dead-lettered.
    connector.sandbox.friendbuy.setFaults({ rate500: 1 });
    await pull({}, context());
    connector.sandbox.friendbuy.setFaults({ rate500: 0 });
    expect(await shares()).toBe(2);

    await pull({}, context());
    await pull({}, context());
    expect(await shares()).toBe(5);
    const cursor = await readAnalyticsCursor(connector.db, 'shares');
    expect(cursor).toMatchObject({ pageToken: null, windowFrom: null, completedThrough: expect.any(Date) });
  });

  it('rereads the window when Friendbuy no longer takes the saved page token, without counting twice', async () => {
    await connector.db.query(
      `UPDATE analytics_cursors SET page_token = 'not-a-token', window_from = now() - interval '1 day',
         window_to = now() WHERE kind = 'shares'`,
    );
    await createAnalyticsPuller(deps, { pageSize: 2 })({}, context());
    expect(await shares()).toBe(5);
  });

  it('schedules one run per interval slot, however often it is asked', async () => {
    expect(await scheduleNextRun(deps, analyticsPullJob)).toBe(false); // the connector scheduled this slot at start
    const jobs = await connector.db.query(
      `SELECT run_after FROM outbox WHERE kind = 'friendbuy.analytics-pull'`,
    );
    expect(jobs.rowCount).toBe(1);
    expect(
      await scheduleNextRun(
        { ...deps, config: { ...deps.config, analytics: { pullMinutes: 0 } } },
        analyticsPullJob,
      ),
    ).toBe(false);
  });

  it('queues no run when an outside scheduler runs the recurring jobs (Connect job applications)', async () => {
    await connector.db.query(`DELETE FROM outbox WHERE kind = 'friendbuy.analytics-pull'`);
    const scheduler = { ...deps, config: { ...deps.config, recurringJobs: 'scheduler' as const } };
    expect(await scheduleNextRun(scheduler, analyticsPullJob)).toBe(false);
    const jobs = await connector.db.query(`SELECT 1 FROM outbox WHERE kind = 'friendbuy.analytics-pull'`);
    expect(jobs.rowCount).toBe(0);
  });
});
