// What the metrics read from the store at each scrape: unfinished jobs, the oldest due job, rewards by state,
// reconciliation findings left for review, the last delivery health check and the connection pool. Cheap queries, so a scrape every 15 s costs little.
import type { StoreGauges } from '../observability/metrics.js';
import {
  oldestDueJobAgeSeconds,
  openFindingCounts,
  rewardCountsByState,
  unfinishedJobCounts,
} from '../store/observed-counts.js';
import { lastDeliveryHealth } from './delivery-health.js';
import type { FlowDeps } from './deps.js';

export async function observeStore(deps: Pick<FlowDeps, 'db' | 'clock'>): Promise<StoreGauges> {
  const { db } = deps;
  const [jobs, oldestDue, rewards, findings, health] = await Promise.all([
    unfinishedJobCounts(db),
    oldestDueJobAgeSeconds(db, deps.clock.now()),
    rewardCountsByState(db),
    openFindingCounts(db),
    lastDeliveryHealth(db),
  ]);
  return {
    jobs,
    oldestDueJobAgeSeconds: oldestDue,
    rewards,
    findings,
    deliveryHealth: health && {
      subscription: health.subscription.state,
      extension: health.extension.state,
      healthy: health.status !== 'unhealthy',
      checkedAt: health.checkedAt,
    },
    pool: db.poolUsage?.(),
  };
}
