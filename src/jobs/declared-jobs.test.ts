import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseExposition, sampleSum } from '../../test/helpers/prometheus.js';
import { openTestStore } from '../../test/helpers/store.js';
import { AdjustableClock } from '../clock.js';
import type { FlowDeps } from '../flows/deps.js';
import { type DeclaredJob, defineJob, jobKind, NotYet, newJob } from '../flows/job.js';
import { JOB } from '../flows/job-kinds.js';
import { createLogger } from '../logger.js';
import { createConnectorMetrics } from '../observability/metrics.js';
import type { Db } from '../store/db.js';
import { enqueue, listJobs } from '../store/outbox.js';
import { DECLARED_JOBS, jobHandlers } from './registry.js';
import { createWorkers } from './worker.js';

const greet = jobKind('test.greet', z.object({ name: z.string().min(1) }));

describe('declared jobs run by the workers', () => {
  let db: Db;
  let clock: AdjustableClock;
  beforeEach(async () => {
    clock = new AdjustableClock();
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.close();
  });

  const drainWith = async (job: DeclaredJob, maxAgeMs = 86_400_000, metrics = createConnectorMetrics()) => {
    const deps = { db, clock } as unknown as FlowDeps;
    const workers = createWorkers(
      {
        db,
        clock,
        logger: createLogger('silent'),
        metrics,
        handlers: jobHandlers(deps, [job]),
        concurrency: 1,
        pollMs: 60_000,
        maxAgeMs,
      },
      false,
    );
    return workers.drain();
  };

  it('hands the handler its payload as the schema parsed it', async () => {
    const greeted: string[] = [];
    const job = defineJob({
      kind: greet,
      handler:
        () =>
        async ({ name }) =>
          void greeted.push(name),
    });
    await enqueue(db, newJob(greet, { dedupKey: 'g-1', payload: { name: 'Ana' } }), clock.now());
    await drainWith(job);
    expect(greeted).toEqual(['Ana']);
    expect((await listJobs(db, {}))[0]).toMatchObject({ status: 'done' });
  });

  it("dead-letters a stored payload the kind's schema refuses, with the schema's message, without running it", async () => {
    let runs = 0;
    const job = defineJob({ kind: greet, handler: () => async () => void runs++ });
    await enqueue(db, { kind: greet.name, dedupKey: 'g-2', payload: { name: 42 } }, clock.now());
    await drainWith(job);
    expect(runs).toBe(0);
    const [dead] = await listJobs(db, {});
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead?.lastError).toMatch(/^PermanentJobError: payload of test\.greet refused: .*name/s);
    expect(dead?.lastError).toMatch(/expected string, received number/);
  });

  it('runs a job that is not due yet again later, as pending, and dead-letters it past the retry window', async () => {
    const job = defineJob({
      kind: greet,
      handler:
        () =>
        async ({ name }) =>
          new NotYet('WaitingForGuest', `${name} has not arrived`),
    });
    await enqueue(db, newJob(greet, { dedupKey: 'g-3', payload: { name: 'Bo' } }), clock.now());
    await drainWith(job);
    const [waiting] = await listJobs(db, {});
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'WaitingForGuest: Bo has not arrived',
    });
    expect(waiting!.runAfter.getTime()).toBeGreaterThan(clock.now().getTime());

    clock.advance(2 * 3_600_000);
    await drainWith(job, 3_600_000);
    expect((await listJobs(db, {}))[0]).toMatchObject({ status: 'dead', attempts: 2 });
  });

  it('counts each run by kind and outcome: a failure is a retry until the retry window closes', async () => {
    const metrics = createConnectorMetrics();
    const job = defineJob({
      kind: greet,
      handler: () => async () => {
        throw new Error('guest list unavailable');
      },
    });
    await enqueue(db, newJob(greet, { dedupKey: 'g-4', payload: { name: 'Cy' } }), clock.now());
    await drainWith(job, 86_400_000, metrics);
    clock.advance(2 * 3_600_000);
    await drainWith(job, 3_600_000, metrics);
    const runs = parseExposition(await metrics.render());
    const count = (outcome: string) =>
      sampleSum(runs, 'ctfb_outbox_job_runs_total', { kind: greet.name, outcome });
    expect([count('retry'), count('dead'), count('done')]).toEqual([1, 1, 0]);
  });

  it('declares every job kind once', () => {
    const declared = DECLARED_JOBS.map((job) => job.kind.name).sort();
    expect(declared).toEqual(
      Object.values(JOB)
        .map((kind) => kind.name)
        .sort(),
    );
  });

  it('types enqueueing by kind: a wrong payload does not compile', () => {
    // @ts-expect-error orderId is a string
    newJob(JOB.reportPurchase, { dedupKey: 'x', payload: { orderId: 42 } });
    // @ts-expect-error a status event needs its status
    newJob(JOB.reportOrderStatus, { dedupKey: 'y', payload: { orderId: 'o-1' } });
    expect(newJob(JOB.reportPurchase, { dedupKey: 'z', payload: { orderId: 'o-1' } })).toEqual({
      kind: 'friendbuy.purchase',
      dedupKey: 'z',
      payload: { orderId: 'o-1' },
    });
  });
});
