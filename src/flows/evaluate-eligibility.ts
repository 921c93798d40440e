// Evaluates a referred order's reward eligibility (domain/eligibility.ts) from its ledger facts and its
// commercetools order, records the decision when it changed, and acts on it: the next durable timer, the held
// purchase released or withheld (connector-holds mode), the order's rewards reversed. The job
// `rewards.evaluate-order` and the reward validation callback both run this, so they always agree.
import type { Order } from '@commercetools/platform-sdk';
import { getOrder } from '../commercetools/order-access.js';
import { capHistorySince } from '../domain/advocate-caps.js';
import type { Campaign } from '../domain/campaign.js';
import { canonicalJson } from '../domain/canonical-json.js';
import { type EligibilityResult, evaluateEligibility, nextEvaluationAt } from '../domain/eligibility.js';
import { type OrderForDetails, orderFigures } from '../domain/order-details.js';
import type { OrderDetails } from '../domain/order-facts.js';
import { orderFactsFromLedger } from '../domain/order-facts-from-ledger.js';
import type { RewardPolicy } from '../domain/policy.js';
import { pastAdvocateRewards, rewardMoney } from '../domain/reward-value.js';
import { appendEvent, lockStream, readStream } from '../store/ledger.js';
import { saveOrderEligibility } from '../store/order-eligibility.js';
import { findReferral } from '../store/referrals.js';
import { listAdvocateRewards } from '../store/rewards.js';
import {
  assessOrderReferral,
  dueAssessment,
  FRAUD_ASSESSED,
  type ReferralAssessment,
  recordReferralAssessment,
} from './assess-referral.js';
import { type FlowDeps, orderStream } from './deps.js';
import { type EvaluationInProgress, settleHeldPurchase } from './hold-purchase.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { isNewCustomer } from './new-customer.js';
import { policyCampaignOf } from './order-policy.js';
import { enqueueEligibilityEvaluation } from './queue-eligibility-evaluation.js';
import { reverseOrderRewards } from './reverse-order-rewards.js';

export const ELIGIBILITY_DECIDED = 'eligibility.decided';

export type OrderEvaluation =
  /** commercetools does not know the order. */
  | { kind: 'unknownOrder' }
  /** The order's campaign sets no policy: there are no reward rules to judge by. */
  | { kind: 'noPolicy' }
  /** The campaign has only the fraud check, and the order names no advocate: there is nothing to judge. */
  | { kind: 'notReferred' }
  | { kind: 'evaluated'; campaign: Campaign; policy: RewardPolicy; result: EligibilityResult };

/**
 * Evaluates the order now and records what follows from the answer. Idempotent: a decision is recorded only
 * when it differs from the last one, timers and effects are keyed so that a re-run adds nothing.
 * @example const evaluation = await evaluateOrderEligibility(deps, orderId);
 */
export async function evaluateOrderEligibility(
  deps: FlowDeps,
  orderId: string,
  correlationId?: string,
): Promise<OrderEvaluation> {
  const order = await getOrder(deps.commercetools, orderId);
  if (!order) return { kind: 'unknownOrder' };
  const found = policyCampaignOf(deps, order);
  if (!found) return { kind: 'noPolicy' };
  const { campaign, policy } = found;
  const stream = orderStream(orderId);
  const before = await readStream(deps.db, stream);
  const due = await dueAssessment(deps, orderId, before);
  const assessment = due && (await assessOrderReferral(deps, order, campaign, policy, due));
  if (policy.fraudCheckOnly && !assessment && !before.some((e) => e.type === FRAUD_ASSESSED))
    return { kind: 'notReferred' };
  const details = {
    ...orderFigures(
      order as unknown as OrderForDetails,
      deps.config.purchase.amountBasis,
      deps.config.purchase.merchandise,
    ),
    isNewCustomer: await isNewCustomer(deps, order, before),
    campaignId: campaign.id,
    ...(await advocateRewardHistory(deps, order, policy, assessment)),
  };
  const now = deps.clock.now();
  let assessed = false;
  const result = await deps.db.transaction(async (tx) => {
    await lockStream(tx, stream);
    let events = await readStream(tx, stream);
    assessed = !!assessment && (await recordReferralAssessment(tx, assessment, { now, correlationId }));
    if (assessed) events = await readStream(tx, stream);
    const decided = evaluateEligibility(orderFactsFromLedger(events, details), policy, now);
    const context = { deps, tx, orderId, stream, events, now, correlationId };
    await recordDecision(context, campaign.id, decided);
    await scheduleNextEvaluation(context, decided);
    if (policy.rewardHold.mode === 'connectorHolds') await settleHeldPurchase(context, decided);
    return decided;
  });
  // Counted once committed: a concurrent evaluation that recorded this stage first counted it already.
  if (assessed && assessment)
    deps.metrics.fraudAssessed(
      assessment.decision.verdict,
      assessment.decision.fired.map((fired) => fired.signal),
    );
  if (result.status === 'ineligible') await reverseOrderRewards(deps, orderId, result.reasons, correlationId);
  return { kind: 'evaluated', campaign, policy, result };
}

export function createEligibilityEvaluator(deps: FlowDeps): HandlerOf<typeof JOB.evaluateOrderEligibility> {
  return async (payload, { job, logger }) => {
    const orderId = payload.orderId;
    const evaluation = await evaluateOrderEligibility(deps, orderId, job.correlationId ?? undefined);
    // The message said the order exists; commercetools reads are eventually consistent, so try again.
    if (evaluation.kind === 'unknownOrder')
      throw new Error(`order ${orderId} not found in commercetools yet`);
    if (evaluation.kind !== 'evaluated') return;
    const { result } = evaluation;
    logger.info({ orderId, eligibility: result }, 'order eligibility evaluated');
    if (result.status === 'ineligible')
      logger.info(
        { orderId, reasons: result.reasons.map((r) => r.code) },
        'no reward for this order: it is not eligible under its campaign policy',
      );
  };
}

interface DecisionContext extends EvaluationInProgress {
  deps: FlowDeps;
}

function decisionData(result: EligibilityResult): Record<string, unknown> {
  return {
    status: result.status,
    reasons: result.status === 'ineligible' ? result.reasons : [],
    until: result.status === 'pending' ? (result.until?.toISOString() ?? null) : null,
    waitingFor: result.status === 'pending' ? result.waitingFor : [],
  };
}

async function recordDecision(c: DecisionContext, campaignId: string, result: EligibilityResult) {
  const data = decisionData(result);
  const previous = c.events.filter((e) => e.type === ELIGIBILITY_DECIDED);
  const last = previous.at(-1);
  if (last && canonicalJson(last.data) === canonicalJson(data)) return;
  await appendEvent(
    c.tx,
    {
      stream: c.stream,
      type: ELIGIBILITY_DECIDED,
      data,
      dedupKey: `${ELIGIBILITY_DECIDED}:${c.orderId}:${previous.length + 1}`,
      correlationId: c.correlationId,
      occurredAt: c.now,
    },
    c.now,
  );
  await saveOrderEligibility(c.tx, {
    orderId: c.orderId,
    campaignId,
    status: result.status,
    reasons: result.status === 'ineligible' ? result.reasons : [],
    until: result.status === 'pending' ? (result.until ?? null) : null,
    decidedAt: c.now,
  });
}

async function scheduleNextEvaluation(c: DecisionContext, result: EligibilityResult) {
  const at = nextEvaluationAt(result);
  if (!at) return;
  await enqueueEligibilityEvaluation(
    c.tx,
    { orderId: c.orderId, reason: `timer:${at.toISOString()}`, runAfter: at, correlationId: c.correlationId },
    c.now,
  );
}

/**
 * The advocate's earlier rewards (for caps) and this order's own reward value, from the rewards table. The
 * advocate is the one the fraud check named (now, or in the referrals index from an earlier evaluation).
 */
async function advocateRewardHistory(
  deps: FlowDeps,
  order: Order,
  policy: RewardPolicy,
  assessment: ReferralAssessment | undefined,
): Promise<Pick<OrderDetails, 'advocateRewards' | 'rewardValue'>> {
  // Caps are judged from the moment the order counts, never before it was placed: history older than the
  // longest cap period before the order cannot matter.
  const since = capHistorySince(policy.advocateCaps, new Date(order.createdAt));
  if (since === undefined) return { advocateRewards: [] };
  const referral = assessment?.row ?? (await findReferral(deps.db, order.id));
  if (!referral) return { advocateRewards: [] };
  const advocate = { customerId: referral.advocateCustomerId, emailHash: referral.advocateEmailHash };
  const rewards = await listAdvocateRewards(deps.db, advocate, since);
  const own = rewards.find((r) => r.orderId === order.id && r.state !== 'reversed');
  return {
    advocateRewards: pastAdvocateRewards(rewards, order.id),
    rewardValue: own ? rewardMoney(own.amount, own.unit) : undefined,
  };
}

export const evaluateOrderEligibilityJob = defineJob({
  kind: JOB.evaluateOrderEligibility,
  handler: createEligibilityEvaluator,
});
