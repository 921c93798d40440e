// Recurring jobs inside the connector: a durable timer in the outbox. Each run first enqueues the next one at
// the next interval boundary, keyed by its slot, so however many processes run there is one job per slot, and a
// crashed process's timer is still in the queue when it comes back.
import type { FlowDeps } from '../flows/deps.js';
import { type DeclaredJob, type JobHandler, newJob } from '../flows/job.js';
import { enqueue } from '../store/outbox.js';

type ScheduleDeps = Pick<FlowDeps, 'db' | 'clock' | 'config'>;

/**
 * Enqueues the job's run for its next interval boundary; false when it is off, that slot is queued, or an
 * outside scheduler runs the recurring jobs on their cron (CONNECTOR_RECURRING_JOBS=scheduler).
 */
export async function scheduleNextRun(deps: ScheduleDeps, job: DeclaredJob): Promise<boolean> {
  if (deps.config.recurringJobs === 'scheduler') return false;
  const everyMs = job.schedule?.everyMs(deps.config) ?? 0;
  if (everyMs <= 0) return false;
  const now = deps.clock.now();
  const slot = Math.floor(now.getTime() / everyMs) + 1;
  const run = newJob(job.kind, {
    dedupKey: `${job.kind.name}:${everyMs}:${slot}`,
    payload: {},
    runAfter: new Date(slot * everyMs),
  });
  return enqueue(deps.db, run, now);
}

/** Puts every recurring job's next run in the queue (at start). */
export async function scheduleRecurringJobs(deps: ScheduleDeps, jobs: readonly DeclaredJob[]): Promise<void> {
  for (const job of jobs) if (job.schedule) await scheduleNextRun(deps, job);
}

/** The handler of a recurring job, which queues its next run before it does this one's work. */
export function recurring(
  deps: ScheduleDeps,
  job: DeclaredJob,
  handler: JobHandler<unknown>,
): JobHandler<unknown> {
  return async (payload, context) => {
    await scheduleNextRun(deps, job);
    return handler(payload, context);
  };
}
