// What operators do with the outbox: list pending or dead-lettered effects, and put dead ones back in the queue
// (the workers are woken to try them at once). The CLI reaches these through the admin API when the connector
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
export async function retryDeadLetters(
  deps: Pick<FlowDeps, 'db' | 'clock' | 'wakeWorkers'>,
  ids?: number[],
): Promise<number> {
  const retried = await retryDeadJobs(deps.db, deps.clock.now(), ids);
  if (retried > 0) deps.wakeWorkers();
  return retried;
}
