// The gap check: a recurring job that looks for deliveries commercetools may have lost (its retention is 7 days,
// so a gap must be found well before) and queues a reconciliation of each window. Two signs: the Subscription
// was not Healthy (reconciled once it is again), or a resource's message sequence numbers show a hole still open
// an hour after the message behind it arrived (judged by the stored messages when commercetools keeps them; a hole
// of only message types the connector does not subscribe to is no gap).
import { storedMessageTypes } from '../../commercetools/message-access.js';
import { readSubscriptionStatus } from '../../commercetools/subscription.js';
import {
  type HealthMemory,
  holeWindow,
  mergeWindows,
  observeSubscriptionHealth,
  type Window,
} from '../../domain/delivery-gaps.js';
import { DAY_MS, HOUR_MS } from '../../domain/durations.js';
import type { Queryable } from '../../store/db.js';
import { findSequenceHoles, recordGapVerdict } from '../../store/delivery-gaps.js';
import { enqueue } from '../../store/outbox.js';
import { readSetting, writeSetting } from '../../store/settings.js';
import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf, newJob } from '../job.js';
import { JOB } from '../job-kinds.js';
import { HANDLED_MESSAGE_TYPES } from '../receive-commercetools-delivery.js';

/**
 * Where the Subscription's health comes from: commercetools itself by default. A job that already records the
 * status (delivery health metrics) can be passed instead, so the Subscription is read once per interval.
 */
export type SubscriptionStatusSource = (deps: FlowDeps) => Promise<string | undefined>;

export const subscriptionStatusFromCommercetools: SubscriptionStatusSource = (deps) =>
  readSubscriptionStatus(deps.commercetools);

const HEALTH_SETTING = 'delivery-gaps.subscription-health';
/** A hole may still fill: redeliveries come late and unordered. */
const SETTLE_MS = HOUR_MS;
/** How far back holes are looked for: well inside commercetools' 7-day retention. */
const LOOKBACK_MS = 2 * DAY_MS;
const HANDLED = new Set<string>(HANDLED_MESSAGE_TYPES);

export interface GapCheck {
  subscriptionStatus: string | undefined;
  holes: number;
  gaps: number;
  /** Reconciliations queued (new windows only). */
  scheduled: Window[];
}

export async function detectDeliveryGaps(
  deps: FlowDeps,
  statusSource: SubscriptionStatusSource = subscriptionStatusFromCommercetools,
): Promise<GapCheck> {
  const now = deps.clock.now();
  const windows: { window: Window; reason: string }[] = [];
  const status = await statusSource(deps);
  let memory: HealthMemory | undefined;
  if (status !== undefined) {
    const observed = observeSubscriptionHealth(
      (await readSetting<HealthMemory>(deps.db, HEALTH_SETTING)) ?? {},
      status,
      now,
    );
    memory = observed.memory;
    if (observed.reconcile) windows.push({ window: observed.reconcile, reason: 'subscription-unhealthy' });
  }
  const holes = await findSequenceHoles(deps.db, {
    since: new Date(now.getTime() - LOOKBACK_MS),
    settledBefore: new Date(now.getTime() - SETTLE_MS),
  });
  const verdicts: { hole: (typeof holes)[number]; gap: boolean; window: Window }[] = [];
  for (const hole of holes) {
    const types = await storedMessageTypes(deps.commercetools, {
      id: hole.resourceId,
      fromSequence: hole.fromSequence,
      toSequence: hole.toSequence,
    });
    // Not kept by commercetools: nobody can tell what fell in the hole, so it is reconciled (that is cheap).
    const gap = types === undefined || types.some((type) => HANDLED.has(type));
    const window = holeWindow({ before: hole.before && new Date(hole.before), after: new Date(hole.after) });
    verdicts.push({ hole, gap, window });
    if (gap) windows.push({ window, reason: 'sequence-hole' });
  }
  const scheduled: Window[] = [];
  await deps.db.transaction(async (tx) => {
    if (memory) await writeSetting(tx, HEALTH_SETTING, memory, now);
    for (const { hole, gap, window } of verdicts)
      await recordGapVerdict(
        tx,
        hole,
        { kind: gap ? 'gap' : 'unsubscribed', windowFrom: window.from, windowTo: window.to },
        now,
      );
    for (const window of mergeWindows(windows.map((w) => w.window))) {
      const reason = windows.find((w) => w.window.from >= window.from && w.window.from < window.to)?.reason;
      if (await scheduleReconciliation(tx, window, reason ?? 'gap', now)) scheduled.push(window);
    }
  });
  if (scheduled.length > 0)
    deps.logger.warn({ status, windows: scheduled }, 'deliveries may have been lost: reconciling the window');
  return {
    subscriptionStatus: status,
    holes: holes.length,
    gaps: verdicts.filter((v) => v.gap).length,
    scheduled,
  };
}

/** Queues the reconciliation of a window once (the key is the window itself). */
function scheduleReconciliation(tx: Queryable, window: Window, reason: string, now: Date): Promise<boolean> {
  const since = window.from.toISOString();
  const until = window.to.toISOString();
  return enqueue(
    tx,
    newJob(JOB.reconcile, {
      dedupKey: `${JOB.reconcile.name}:gap:${since}:${until}`,
      payload: { since, until, reason },
    }),
    now,
  );
}

export function createGapDetector(deps: FlowDeps): HandlerOf<typeof JOB.deliveryGaps> {
  return async () => {
    await detectDeliveryGaps(deps);
  };
}

export const deliveryGapsJob = defineJob({
  kind: JOB.deliveryGaps,
  handler: createGapDetector,
  // Every 15 minutes while reconciliation is on: a gap is found within the hour it settles.
  schedule: {
    everyMs: (config) => (config.reconciliation.everyHours > 0 ? 15 * 60_000 : 0),
    cron: '*/15 * * * *',
  },
});
