// Watching the outbox come to rest. Work is owed while a job is dead, due, or waiting for a retry; a job set
// for later that never ran (a timer, such as a scheduled pull) is not owed yet. Tests whose workers are off
// settle the outbox by moving the sandbox clock to each retry instead of sleeping through the backoff.
import type { Db } from '../../src/store/db.js';
import { type Job, listJobs } from '../../src/store/outbox.js';
import type { TestConnector } from './connector.js';

type JobState = Pick<Job, 'status' | 'attempts'> & { runAfter: Date | string };

export function isOwed(job: JobState, now: Date): boolean {
  if (job.status === 'dead') return true;
  return job.status === 'pending' && (job.attempts > 0 || new Date(job.runAfter) <= now);
}

/** The owed jobs (in a shape that reads well in a failed assertion); empty once everything has happened. */
export async function owedJobs(db: Db, now: Date) {
  const jobs = await listJobs(db, { limit: 1000 });
  return jobs
    .filter((job) => isOwed(job, now))
    .map(({ id, kind, status, attempts, lastError }) => ({ id, kind, status, attempts, lastError }));
}

/** How long settling waits for jobs the connector's own workers are running (they poll every 50 ms in tests). */
const IN_FLIGHT_PATIENCE_MS = 20_000;

/**
 * Runs every due job; while jobs wait for a retry, moves the sandbox clock to the earliest one and runs again.
 * Returns the number of rounds that needed the clock (0 when nothing failed).
 */
export async function settleOutbox(connector: TestConnector, maxRounds = 100): Promise<number> {
  const patience = Date.now() + IN_FLIGHT_PATIENCE_MS;
  let rounds = 0;
  while (rounds < maxRounds) {
    await connector.workers.drain();
    // The connector's own workers run jobs too. One they hold, or a job that became due after drain() last
    // looked (the next step a job of theirs just queued), is work under way: settled is only when neither is left.
    const state = await connector.db.query<{ busy: boolean | null; due: Date | null }>(
      `SELECT bool_or(run_after <= $1 OR locked_until > $1) AS busy,
              min(run_after) FILTER (WHERE attempts > 0) AS due
       FROM outbox WHERE status = 'pending'`,
      [connector.sandbox.clock.now()],
    );
    const { busy, due } = state.rows[0] ?? { busy: null, due: null };
    if (busy) {
      if (Date.now() > patience)
        return notSettled(connector, `jobs still running after ${IN_FLIGHT_PATIENCE_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    if (!due) return rounds;
    rounds++;
    const waitMs = new Date(due).getTime() - connector.sandbox.clock.now().getTime();
    if (waitMs > 0) connector.sandbox.clock.advance(waitMs + 1);
  }
  return notSettled(connector, `${maxRounds} rounds`);
}

/** Fails naming the limit that was reached and the jobs still owed. */
async function notSettled(connector: TestConnector, limit: string): Promise<never> {
  const owed = await owedJobs(connector.db, connector.sandbox.clock.now());
  throw new Error(`the outbox did not settle (${limit}): ${JSON.stringify(owed)}`);
}
