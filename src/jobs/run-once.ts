// One run of a recurring job outside the worker: what `ct-friendbuy jobs run <kind>` does, and so what a
// commercetools Connect job application runs on its cron. The run is not an outbox row; it gets a job context
// of its own so the handler logs and correlates as under the worker.
import { randomUUID } from 'node:crypto';
import type { FlowDeps } from '../flows/deps.js';
import { NotYet } from '../flows/job.js';
import { runInContext } from '../observability/call-context.js';
import type { Job } from '../store/outbox.js';
import { declaredJob } from './registry.js';

export type OnceOutcome = { outcome: 'done' } | { outcome: 'notYet'; reason: string };

/** Runs the recurring job `kind` once now; rejects for a kind that is unknown or not recurring. */
export async function runRecurringJobOnce(deps: FlowDeps, kind: string): Promise<OnceOutcome> {
  const declared = declaredJob(kind);
  if (!declared) throw new Error(`no job kind "${kind}"; \`ct-friendbuy jobs list\` shows them`);
  if (!declared.schedule)
    throw new Error(
      `"${kind}" is not a recurring job: it runs when the connector queues it, with its payload`,
    );
  const correlationId = `jobs-run-${randomUUID()}`;
  const job = jobOutsideTheOutbox(kind, correlationId, deps.clock.now());
  const logger = deps.logger.child({ correlationId, jobKind: kind });
  const outcome = await runInContext({ correlationId }, () => declared.handler(deps)({}, { job, logger }));
  return outcome instanceof NotYet ? { outcome: 'notYet', reason: outcome.reason } : { outcome: 'done' };
}

/** A job as the worker would hand it over, for a run that has no outbox row (one-shot runs, tests). */
export function jobOutsideTheOutbox(kind: string, correlationId: string, now: Date): Job {
  return {
    id: 0,
    kind,
    dedupKey: `run-once:${kind}:${now.toISOString()}`,
    payload: {},
    status: 'pending',
    attempts: 1,
    runAfter: now,
    lastError: null,
    correlationId,
    createdAt: now,
    updatedAt: now,
  };
}
