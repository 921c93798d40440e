// Outbox workers: claim due jobs, run their handler, and record the outcome. A handler failure schedules a
// jittered retry; a permanent failure, or a job older than the retry window, is dead-lettered where /health
// and `ct-friendbuy outbox list` show it. Handlers must be idempotent: a crash after the effect but before
// completion runs the job again.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { nextAttemptAt } from '../domain/retry-policy.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { claimJobs, completeJob, failJob, type Job } from '../store/outbox.js';

export interface JobContext {
  job: Job;
  logger: Logger;
}

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

/** Thrown by a handler when retrying cannot help (e.g. Friendbuy rejected the payload as invalid). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  concurrency: number;
  pollMs: number;
  maxAgeMs: number;
  leaseMs?: number;
  random?: () => number;
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
  const leaseMs = options.leaseMs ?? 120_000;
  const random = options.random ?? Math.random;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;
  let wakeRequested = false;

  async function runJob(job: Job): Promise<void> {
    const logger = options.logger.child({
      correlationId: job.correlationId,
      jobId: job.id,
      jobKind: job.kind,
    });
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      await handler(job.payload, { job, logger });
      await completeJob(options.db, job.id, options.clock.now());
      logger.debug({ attempts: job.attempts }, 'job done');
    } catch (error) {
      const now = options.clock.now();
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const retryAt =
        error instanceof PermanentJobError
          ? undefined
          : nextAttemptAt({
              attempts: job.attempts,
              createdAt: job.createdAt,
              now,
              maxAgeMs: options.maxAgeMs,
              random,
            });
      await failJob(options.db, job.id, message, now, retryAt);
      if (retryAt) logger.warn({ err: error, attempts: job.attempts, retryAt }, 'job failed, will retry');
      else logger.error({ err: error, attempts: job.attempts }, 'job dead-lettered');
    }
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
