// The fraud check of a referred order, run by the eligibility evaluation: once when the order is first
// evaluated (stage `order`), and again once Friendbuy issued the advocate's reward (stage `reward`, when caps
// and velocity can be judged with the reward's value). Each assessment is recorded as `fraud.assessed` on the
// order stream with every fired signal and its evidence, the referrals index row is written, a held referral
// opens a review case, and the verdict is projected onto the order.
import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { getCustomer } from '../commercetools/customer-access.js';
import { latestOrdersOf, paymentFingerprintsOf } from '../commercetools/people-access.js';
import type { Campaign } from '../domain/campaign.js';
import { assessReferral } from '../domain/fraud/assess.js';
import type { FraudDecision } from '../domain/fraud/decide.js';
import { fraudStandingOf, fraudVerdictLabel } from '../domain/fraud/standing.js';
import type { RewardPolicy } from '../domain/policy.js';
import { rewardMoney } from '../domain/reward-value.js';
import { nonEmptyText } from '../domain/text.js';
import type { Queryable } from '../store/db.js';
import { appendEvent, type LedgerEvent, readStream } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { type ReferralRow, saveReferral } from '../store/referrals.js';
import { openReview } from '../store/reviews.js';
import { listOrderRewards, type RewardRow } from '../store/rewards.js';
import { type FlowDeps, orderStream } from './deps.js';
import { defineJob, type HandlerOf, newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { findOrderReferral } from './order-advocate.js';
import { projectOrderFields } from './project-order-fields.js';
import { gatherReferralFacts } from './referral-facts.js';

export const FRAUD_ASSESSED = 'fraud.assessed';
export type AssessmentStage = 'order' | 'reward';

export interface ReferralAssessment {
  stage: AssessmentStage;
  decision: FraudDecision;
  row: Omit<ReferralRow, 'verdict' | 'score' | 'assessedAt'>;
  advocate: { customerId?: string | undefined; emailHash?: string | undefined };
  matchedBy: string[];
}

/** An assessment the order is due for; the `reward` stage carries the advocate reward it judges with. */
export type DueAssessment = { stage: 'order' } | { stage: 'reward'; reward: RewardRow };

/** The stage the order is due for, if any: `order` first, then `reward` once its advocate reward exists. */
export async function dueAssessment(
  deps: Pick<FlowDeps, 'db'>,
  orderId: string,
  events: readonly LedgerEvent[],
): Promise<DueAssessment | undefined> {
  const done = new Set(events.filter((e) => e.type === FRAUD_ASSESSED).map((e) => e.data.stage));
  if (!done.has('order')) return { stage: 'order' };
  if (done.has('reward')) return undefined;
  const rewards = await listOrderRewards(deps.db, orderId);
  const reward = rewards.find((r) => r.kind === 'advocateReward' && r.orderId === orderId);
  return reward ? { stage: 'reward', reward } : undefined;
}

/**
 * Assesses the order's referral (store lookups and commercetools reads; nothing is written). Undefined when
 * the order names no known advocate: there is no referral to judge.
 */
export async function assessOrderReferral(
  deps: FlowDeps,
  order: Order,
  campaign: Campaign,
  policy: RewardPolicy,
  due: DueAssessment,
): Promise<ReferralAssessment | undefined> {
  const referral = await findOrderReferral(deps, order);
  if (!referral) return undefined;
  const fields = order.custom?.fields ?? {};
  const landingAt = nonEmptyText(fields[ORDER_FIELDS.landingAt]);
  const advocateCustomer = referral.advocate.customerId
    ? await getCustomer(deps.commercetools, referral.advocate.customerId)
    : undefined;
  const reward = due.stage === 'reward' ? due.reward : undefined;
  const fingerprints = await paymentFingerprints(deps, order, referral.advocate.customerId);
  const gathered = await gatherReferralFacts(deps.db, deps.config, policy, {
    orderId: order.id,
    campaignId: campaign.id,
    placedAt: new Date(order.createdAt),
    friend: {
      customerId: order.customerId,
      email: order.customerEmail,
      ipAddress: nonEmptyText(fields[ORDER_FIELDS.ipAddress]),
      userAgent: nonEmptyText(fields[ORDER_FIELDS.userAgent]),
      deviceHash: nonEmptyText(fields[ORDER_FIELDS.deviceHash]),
      shippingAddress: order.shippingAddress,
      paymentFingerprints: fingerprints.friend,
    },
    advocate: {
      customerId: referral.advocate.customerId,
      emailHash: referral.advocate.emailHash,
      email: advocateCustomer?.email,
      paymentFingerprints: fingerprints.advocate,
    },
    code: referral.referralCode ?? referral.couponCodes[0],
    usedFriendIncentive: referral.couponCodes.length > 0 || referral.referralCode !== undefined,
    clickedAt: landingAt ? new Date(landingAt) : undefined,
    rewardValue: reward ? rewardMoney(reward.amount, reward.unit) : undefined,
  });
  const decision = assessReferral(gathered.facts, policy.fraud, deps.config.emailRules);
  return {
    stage: due.stage,
    decision,
    row: gathered.row,
    advocate: referral.advocate,
    matchedBy: referral.matchedBy,
  };
}

/**
 * Records the assessment in the caller's transaction (which holds the order stream's lock): the ledger event,
 * the referrals row, a review case for a hold, and the verdict projection. Returns false when this stage was
 * already recorded (a concurrent evaluation got there first).
 */
export async function recordReferralAssessment(
  tx: Queryable,
  assessment: ReferralAssessment,
  context: { now: Date; correlationId?: string | undefined },
): Promise<boolean> {
  const { decision, row, stage } = assessment;
  const { now, correlationId } = context;
  const recorded = await appendEvent(
    tx,
    {
      stream: orderStream(row.orderId),
      type: FRAUD_ASSESSED,
      data: {
        stage,
        verdict: decision.verdict,
        score: decision.score,
        fired: decision.fired,
        campaignId: row.campaignId,
        advocate: assessment.advocate,
        matchedBy: assessment.matchedBy,
        friendAccount: row.friendAccount,
      },
      dedupKey: `${FRAUD_ASSESSED}:${row.orderId}:${stage}`,
      correlationId,
      occurredAt: now,
    },
    now,
  );
  if (!recorded) return false;
  await saveReferral(tx, { ...row, verdict: decision.verdict, score: decision.score, assessedAt: now });
  if (decision.verdict === 'hold') {
    await openReview(tx, {
      orderId: row.orderId,
      campaignId: row.campaignId,
      advocateKey: row.advocateKey,
      friendAccount: row.friendAccount,
      score: decision.score,
      signals: decision.fired,
      openedAt: now,
    });
  }
  await enqueueFraudVerdictProjection(tx, row.orderId, `${stage}`, now, correlationId);
  return true;
}

export async function enqueueFraudVerdictProjection(
  tx: Queryable,
  orderId: string,
  cause: string,
  now: Date,
  correlationId?: string | undefined,
): Promise<boolean> {
  return enqueue(
    tx,
    newJob(JOB.projectFraudVerdict, {
      dedupKey: `fraud-verdict:${orderId}:${cause}`,
      payload: { orderId },
      correlationId,
    }),
    now,
  );
}

/**
 * Job `commercetools.order-fraud-verdict`: writes the verdict the ledger holds when the job runs, straight onto
 * the order, so projections of successive verdicts may run in any order and the field still ends current.
 */
export function createFraudVerdictProjector(deps: FlowDeps): HandlerOf<typeof JOB.projectFraudVerdict> {
  return async (payload, { logger }) => {
    const orderId = payload.orderId;
    const verdict = fraudVerdictLabel(fraudStandingOf(await readStream(deps.db, orderStream(orderId))));
    if (!verdict) return;
    const version = await projectOrderFields(deps, orderId, { [ORDER_FIELDS.fraudVerdict]: verdict });
    logger.debug({ orderId, verdict, version }, 'fraud verdict projected');
  };
}

/**
 * Payment fingerprints, when the merchant names the Payment custom field their PSP integration fills
 * (CONNECTOR_PAYMENT_FINGERPRINT_FIELD): the friend's order's payments, and those of the advocate's latest
 * orders. Two commercetools reads, only when configured.
 */
async function paymentFingerprints(
  deps: FlowDeps,
  order: Order,
  advocateCustomerId: string | undefined,
): Promise<{ friend: string[]; advocate: string[] }> {
  const field = deps.config.paymentFingerprintField;
  if (!field) return { friend: [], advocate: [] };
  const friendOrder = await deps.commercetools
    .orders()
    .withId({ ID: order.id })
    .get({ queryArgs: { expand: ['paymentInfo.payments[*]'] } })
    .execute();
  const advocateOrders = advocateCustomerId
    ? await latestOrdersOf(deps.commercetools, advocateCustomerId, {
        limit: 20,
        paymentFingerprintField: field,
      })
    : [];
  const usable = (value: string) => (value.trim() ? [value.trim()] : []);
  return {
    friend: paymentFingerprintsOf(friendOrder.body, field).flatMap(usable),
    advocate: advocateOrders.flatMap((o) => (o.paymentFingerprints ?? []).flatMap(usable)),
  };
}

export const projectFraudVerdictJob = defineJob({
  kind: JOB.projectFraudVerdict,
  handler: createFraudVerdictProjector,
});
