// Outbox workers: claim due jobs, run their handler, and record the outcome. A handler failure schedules a
// jittered retry, and so does a handler answering "not yet" (without the failure's warning); a permanent
// failure, or a job older than the retry window, is dead-lettered where /health and `ct-friendbuy outbox list`
// show it. Handlers must be idempotent: a crash after the effect but before completion runs the job again.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { nextAttemptAt } from '../domain/retry-policy.js';
import { type JobHandler, NotYet, PermanentJobError } from '../flows/job.js';
import type { Logger } from '../logger.js';
import { runInContext } from '../observability/call-context.js';
import type { ConnectorMetrics, JobRunOutcome } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import type { Db } from '../store/db.js';
import { claimJobs, completeJob, extendLease, failJob, type Job } from '../store/outbox.js';

export const DEFAULT_LEASE_MS = 10_000;

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** By job kind; built from the registry of declared jobs (src/jobs/registry.ts). */
  handlers: Readonly<Record<string, JobHandler<unknown>>>;
  concurrency: number;
  pollMs: number;
  maxAgeMs: number;
  /**
   * How long a claimed job stays this worker's without a heartbeat (OUTBOX_LEASE_MS). The worker extends it
   * every third of it while the job runs, so a long job keeps its lease and a crashed process's jobs are free
   * again within one lease.
   */
  leaseMs?: number;
  random?: () => number;
  /** Counts each run's outcome (done, retry, not-yet, dead). */
  metrics: Pick<ConnectorMetrics, 'jobRun'>;
  /** A span per job run when tracing is on. */
  tracing?: Tracing | undefined;
}

export interface Workers {
  /** Asks the workers to look for due jobs now instead of at the next poll. */
  wake(): void;
  /** Claims and runs due jobs until none are left; for tests, the CLI and the sandbox. */
  drain(): Promise<number>;
  /** Stops claiming and waits for in-flight jobs. */
  stop(): Promise<void>;
}

export function createWorkers(options: WorkerOptions, autoStart = true): Workers {
  const workerId = `worker-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const random = options.random ?? Math.random;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;
  let wakeRequested = false;

  /**
   * Runs the job with its correlation id (the one of the delivery or request that queued it) as the current
   * context, so the calls its handler makes carry it.
   */
  async function runJob(job: Job): Promise<void> {
    const correlationId = job.correlationId ?? `job-${job.id}`;
    const span = options.tracing?.startSpan(`job ${job.kind}`, 'consumer', {
      'ctfb.job.kind': job.kind,
      'ctfb.job.attempts': job.attempts,
    });
    let outcome: JobRunOutcome | undefined;
    try {
      outcome = await runInContext({ correlationId, span }, () => runHandler(job, correlationId));
      options.metrics.jobRun(job.kind, outcome);
    } finally {
      // No outcome: recording it failed (the store), and the worker's loop logs that.
      span?.setAttribute('ctfb.job.outcome', outcome ?? 'unrecorded');
      span?.end(outcome !== 'done' && outcome !== 'not-yet');
    }
  }

  async function runHandler(job: Job, correlationId: string): Promise<JobRunOutcome> {
    const logger = options.logger.child({
      correlationId,
      jobId: job.id,
      jobKind: job.kind,
    });
    const handler = options.handlers[job.kind];
    const heartbeat = keepLease(job, logger);
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      const outcome = await handler(job.payload, { job, logger });
      if (outcome instanceof NotYet) {
        const { retryAt } = await retryLater(job, `${outcome.name}: ${outcome.reason}`, false);
        if (retryAt) logger.info({ reason: outcome.reason, attempts: job.attempts, retryAt }, 'job not yet');
        else logger.error({ reason: outcome.reason, attempts: job.attempts }, 'job dead-lettered');
        return retryAt ? 'not-yet' : 'dead';
      }
      await completeJob(options.db, job.id, options.clock.now());
      logger.debug({ attempts: job.attempts }, 'job done');
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const { retryAt } = await retryLater(job, message, error instanceof PermanentJobError);
      if (retryAt) logger.warn({ err: error, attempts: job.attempts, retryAt }, 'job failed, will retry');
      else logger.error({ err: error, attempts: job.attempts }, 'job dead-lettered');
      return retryAt ? 'retry' : 'dead';
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Records why the job did not finish, and when it runs again (never, when permanent or too old). */
  async function retryLater(
    job: Job,
    why: string,
    permanent: boolean,
  ): Promise<{ retryAt: Date | undefined }> {
    const now = options.clock.now();
    const retryAt = permanent
      ? undefined
      : nextAttemptAt({
          attempts: job.attempts,
          createdAt: job.createdAt,
          now,
          maxAgeMs: options.maxAgeMs,
          random,
        });
    await failJob(options.db, job.id, why, now, retryAt);
    return { retryAt };
  }

  function keepLease(job: Job, logger: Logger): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        const until = new Date(options.clock.now().getTime() + leaseMs);
        extendLease(options.db, { id: job.id, workerId, until })
          .then((kept) => {
            if (!kept)
              logger.error('job lease lost: the job was claimed by another worker or finished elsewhere');
          })
          // A store that does not answer: the next beat tries again; the lease still has two thirds to run.
          .catch((error: unknown) => logger.warn({ err: error }, 'job lease heartbeat failed'));
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return timer;
  }

  async function runOnce(): Promise<number> {
    const jobs = await claimJobs(options.db, {
      workerId,
      now: options.clock.now(),
      limit: options.concurrency,
      leaseMs,
    });
    await Promise.all(jobs.map(runJob));
    return jobs.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const ran = await runOnce();
      total += ran;
      if (ran === 0) return total;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  }

  function tick() {
    if (stopped || loop) return;
    wakeRequested = false;
    loop = drain()
      .then(() => undefined)
      .catch((error) => options.logger.error({ err: error }, 'outbox poll failed'))
      .finally(() => {
        loop = undefined;
        schedule(wakeRequested ? 0 : options.pollMs);
      });
  }

  if (autoStart) schedule(0);

  return {
    wake() {
      if (stopped || !autoStart) return;
      if (loop) wakeRequested = true;
      else schedule(0);
    },
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await loop;
    },
  };
}
