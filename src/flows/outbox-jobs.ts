// What operators do with the outbox: list pending or dead-lettered effects, and put dead ones back in the queue
// (the store wakes the workers once they are committed). The CLI reaches these through the admin API when the connector
// holds the embedded store.
import { type Job, listJobs, retryDeadJobs } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';

export function listOutboxJobs(
  deps: Pick<FlowDeps, 'db'>,
  filter: { status?: Job['status'] | undefined; kind?: string | undefined; limit: number },
): Promise<Job[]> {
  return listJobs(deps.db, filter);
}

/** Dead jobs back to pending, these `ids` or all of them; answers how many. */
export function retryDeadLetters(deps: Pick<FlowDeps, 'db' | 'clock'>, ids?: number[]): Promise<number> {
  return retryDeadJobs(deps.db, deps.clock.now(), ids);
}
