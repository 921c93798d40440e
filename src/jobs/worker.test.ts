import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/connector.js';
import { openTestStore } from '../../test/helpers/store.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { JobHandler } from '../flows/job.js';
import { createLogger } from '../logger.js';
import { createConnectorMetrics } from '../observability/metrics.js';
import type { Db } from '../store/db.js';
import { claimJobs, enqueue, listJobs } from '../store/outbox.js';
import { createWorkers, type Workers } from './worker.js';

const LEASE_MS = 1_000;

describe('outbox workers and their leases', () => {
  let db: Db;
  const running: Workers[] = [];
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((workers) => workers.stop()));
    await db.close();
  });

  const start = (handler: JobHandler<unknown>, leaseMs = LEASE_MS) => {
    const workers = createWorkers({
      db,
      clock: systemClock,
      logger: createLogger('silent'),
      metrics: createConnectorMetrics(),
      handlers: { slow: handler },
      concurrency: 2,
      pollMs: 50,
      maxAgeMs: 86_400_000,
      leaseMs,
    });
    running.push(workers);
    return workers;
  };

  it("picks up a crashed process's job within seconds of the configured lease", async () => {
    const { leaseMs } = loadConfig({}).outbox;
    expect(leaseMs).toBeLessThanOrEqual(10_000);
    await enqueue(db, { kind: 'slow', dedupKey: 'job-1', payload: {} }, new Date());
    // A process claims it and dies: nobody will finish, fail or extend it.
    await claimJobs(db, { workerId: 'worker-that-died', now: new Date(), limit: 1, leaseMs });
    const started = Date.now();
    let ran = 0;
    start(async () => {
      ran++;
    }, leaseMs);
    await eventually(
      async () => (await listJobs(db, { status: 'done' })).length === 1,
      20_000,
      'the job done',
    );
    expect(ran).toBe(1);
    expect(Date.now() - started).toBeLessThan(leaseMs + 5_000);
  }, 30_000);

  it('keeps the lease of a job that runs longer than it, so no other worker runs it meanwhile', async () => {
    await enqueue(db, { kind: 'slow', dedupKey: 'job-2', payload: {} }, new Date());
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    const slow: JobHandler<unknown> = async () => {
      runs++;
      most = Math.max(most, ++concurrent);
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 3.5));
      concurrent--;
    };
    // Two processes polling the same queue.
    start(slow);
    start(slow);
    await eventually(
      async () => (await listJobs(db, { status: 'done' })).length === 1,
      15_000,
      'the job done',
    );
    expect({ runs, most }).toEqual({ runs: 1, most: 1 });
  }, 30_000);
});
