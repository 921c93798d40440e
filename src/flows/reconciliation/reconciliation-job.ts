// The reconciliation as a declared job: recurring (every CONNECTOR_RECONCILIATION_HOURS in the connector, daily
// at 03:30 as a Connect job application) over the last two days, and queued with an explicit window when a gap
// in deliveries is detected (detect-gaps.ts).

import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf } from '../job.js';
import { JOB } from '../job-kinds.js';
import { reconcile } from './reconcile.js';

/** Two days: yesterday is complete by now, and today's orders may still be on their way. */
const DEFAULT_SINCE = '2d';

export function createReconciliationRunner(deps: FlowDeps): HandlerOf<typeof JOB.reconcile> {
  return async (payload, { job, logger }) => {
    const report = await reconcile(
      { ...deps, logger },
      { since: payload.since ?? DEFAULT_SINCE, until: payload.until },
      job.correlationId ?? `reconciliation-${job.id}`,
    );
    logger.info(
      {
        reason: payload.reason ?? 'schedule',
        since: report.since,
        until: report.until,
        findings: report.findings.length,
      },
      'reconciliation run',
    );
  };
}

export const reconciliationJob = defineJob({
  kind: JOB.reconcile,
  handler: createReconciliationRunner,
  schedule: { everyMs: (config) => config.reconciliation.everyHours * 3_600_000, cron: '30 3 * * *' },
});
