// Queues an order's eligibility evaluation (the job `rewards.evaluate-order`): for a fact recorded on the order,
// for a referred order under the fraud check alone, for a reward, a review decision, a hold or a timer. Every
// cause has its own key, so each queues one evaluation however often it is seen.
import { findCampaign } from '../domain/campaign.js';
import type { Queryable } from '../store/db.js';
import { findEventData } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';

/**
 * Enqueues an evaluation of the order, at once or at `runAfter` (a durable timer); `reason` keeps the dedup
 * key unique per cause, so each fact and each timer gets its own evaluation.
 */
export async function enqueueEligibilityEvaluation(
  tx: Queryable,
  job: { orderId: string; reason: string; runAfter?: Date | undefined; correlationId?: string | undefined },
  now: Date,
): Promise<void> {
  const evaluation = newJob(JOB.evaluateOrderEligibility, {
    dedupKey: `eligibility:${job.orderId}:${job.reason}`,
    payload: { orderId: job.orderId },
    runAfter: job.runAfter,
    correlationId: job.correlationId,
  });
  await enqueue(tx, evaluation, now);
}

/**
 * After an order fact is recorded: enqueues the order's evaluation when its campaign has a policy (known from
 * its `order.created` fact; before that fact arrives, the job itself finds out).
 */
export async function enqueueEvaluationForOrderFact(
  deps: Pick<FlowDeps, 'campaigns' | 'clock'>,
  tx: Queryable,
  fact: { stream: string; type: string; data: Record<string, unknown>; dedupKey: string; orderId?: string },
  correlationId: string,
): Promise<void> {
  if (!fact.orderId || !fact.stream.startsWith('order:') || !deps.campaigns.some((c) => c.policy)) return;
  const created =
    fact.type === 'order.created' ? fact.data : await findEventData(tx, fact.stream, 'order.created');
  if (created) {
    const total = created.total as { currencyCode?: unknown } | undefined;
    const campaign = findCampaign(deps.campaigns, {
      storeKey: typeof created.storeKey === 'string' ? created.storeKey : undefined,
      currency: typeof total?.currencyCode === 'string' ? total.currencyCode : undefined,
    });
    if (!campaign?.policy) return;
    // Under the fraud check alone no fact changes a decision: a referred order is evaluated once it is seen
    // (enqueueFraudCheckOfReferredOrder), later by its rewards and review decisions, so other orders cost nothing.
    if (campaign.policy.fraudCheckOnly) return;
  }
  await enqueueEligibilityEvaluation(
    tx,
    { orderId: fact.orderId, reason: `fact:${fact.dedupKey}:${fact.type}`, correlationId },
    deps.clock.now(),
  );
}

/**
 * Under the fraud check alone (a campaign without `policy`), the evaluation of an order that carries something
 * that may name an advocate (a referral code, attribution id or discount code, or a friend with referrals): the
 * fraud check runs then. Campaigns with reward rules have every order evaluated by its facts instead.
 */
export async function enqueueFraudCheckOfReferredOrder(
  deps: Pick<FlowDeps, 'campaigns' | 'clock'>,
  tx: Queryable,
  order: { id: string; storeKey?: string | undefined; currency?: string | undefined },
  correlationId: string,
): Promise<void> {
  const campaign = findCampaign(deps.campaigns, { storeKey: order.storeKey, currency: order.currency });
  if (!campaign?.policy?.fraudCheckOnly) return;
  const job = { orderId: order.id, reason: 'referred', correlationId };
  await enqueueEligibilityEvaluation(tx, job, deps.clock.now());
}
