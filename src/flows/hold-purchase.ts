// Connector-holds mode: a purchase report waits (`purchase.held`) until the order's eligibility is decided; the
// evaluation then releases it (the report runs again) or withholds it for good (`purchase.withheld`).
import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import type { EligibilityResult } from '../domain/eligibility.js';
import { heldPurchaseAction } from '../domain/held-purchase.js';
import type { Queryable } from '../store/db.js';
import { appendEvent, type LedgerEvent } from '../store/ledger.js';
import { findOrderEligibility } from '../store/order-eligibility.js';
import { enqueue } from '../store/outbox.js';
import { type FlowDeps, orderStream } from './deps.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { policyCampaignOf } from './order-policy.js';
import { enqueueEligibilityEvaluation } from './queue-eligibility-evaluation.js';

/**
 * Unless the order is already eligible, records `purchase.held` (with what the report would have said about
 * the customer, so eligibility judges the same) and lets the evaluation release it. Returns true when the
 * purchase waits.
 */
export async function holdPurchaseUntilEligible(
  deps: FlowDeps,
  order: Order,
  held: { friendbuyOrderId: string; isNewCustomer: boolean },
  correlationId?: string,
): Promise<boolean> {
  if (policyCampaignOf(deps, order)?.policy.rewardHold.mode !== 'connectorHolds') return false;
  if ((await findOrderEligibility(deps.db, order.id))?.status === 'eligible') return false;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const recorded = await appendEvent(
      tx,
      {
        stream: orderStream(order.id),
        type: 'purchase.held',
        data: held,
        dedupKey: `purchase.held:${order.id}`,
        correlationId,
        occurredAt: now,
      },
      now,
    );
    if (!recorded) return;
    await enqueue(
      tx,
      newJob(JOB.projectOrderFields, {
        dedupKey: `order-fields:${order.id}:held`,
        payload: { orderId: order.id, fields: { [ORDER_FIELDS.purchaseReportStatus]: 'held' } },
        correlationId,
      }),
      now,
    );
    await enqueueEligibilityEvaluation(tx, { orderId: order.id, reason: 'held', correlationId }, now);
  });
  return true;
}

/** An eligibility evaluation under way: its transaction (holding the order stream's lock) and the facts read. */
export interface EvaluationInProgress {
  tx: Queryable;
  orderId: string;
  stream: string;
  events: readonly LedgerEvent[];
  now: Date;
  correlationId?: string | undefined;
}

/** In the evaluation's transaction: the held purchase released once the order is eligible, withheld if not. */
export async function settleHeldPurchase(c: EvaluationInProgress, result: EligibilityResult): Promise<void> {
  const action = heldPurchaseAction(
    c.events.map((e) => e.type),
    result,
  );
  if (action === 'release') {
    await enqueue(
      c.tx,
      newJob(JOB.reportPurchase, {
        dedupKey: `purchase:${c.orderId}:released`,
        payload: { orderId: c.orderId },
        correlationId: c.correlationId,
      }),
      c.now,
    );
  } else if (action === 'withhold' && result.status === 'ineligible') {
    await appendEvent(
      c.tx,
      {
        stream: c.stream,
        type: 'purchase.withheld',
        data: { reasons: result.reasons },
        dedupKey: `purchase.withheld:${c.orderId}`,
        correlationId: c.correlationId,
        occurredAt: c.now,
      },
      c.now,
    );
    await enqueue(
      c.tx,
      newJob(JOB.projectOrderFields, {
        dedupKey: `order-fields:${c.orderId}:withheld`,
        payload: { orderId: c.orderId, fields: { [ORDER_FIELDS.purchaseReportStatus]: 'skipped' } },
        correlationId: c.correlationId,
      }),
      c.now,
    );
  }
}
