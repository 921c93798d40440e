// What operators do with the outbox: list pending or dead-lettered effects, and put dead ones back in the queue
// (the store wakes the workers once they are committed). The CLI reaches these through the admin API when the connector
// holds the embedded store.
import type { Operator } from '../domain/operators.js';
import { type Job, listJobs, retryDeadJobs } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { recordOperatorAction } from './operator-audit.js';

export function listOutboxJobs(
  deps: Pick<FlowDeps, 'db'>,
  filter: { status?: Job['status'] | undefined; kind?: string | undefined; limit: number },
): Promise<Job[]> {
  return listJobs(deps.db, filter);
}

/**
 * Dead jobs back to pending, these `ids` or all of them; answers how many. With an operator, the retry is on
 * the audit trail, committed with it.
 */
export function retryDeadLetters(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  ids?: number[],
  by?: { operator: Operator; correlationId?: string | undefined },
): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const retried = await retryDeadJobs(tx, now, ids);
    if (by)
      await recordOperatorAction(
        tx,
        by.operator,
        {
          action: 'outbox.retried',
          subject: ids?.length === 1 ? `outbox:${ids[0]}` : 'outbox',
          details: { retried, ...(ids ? { ids: ids.slice(0, 100) } : { all: true }) },
          correlationId: by.correlationId,
        },
        now,
      );
    return retried;
  });
}
