// An advocateReward or friendIncentive webhook item becomes a reward: its row, `reward.issued` on its ledger
// stream, and the job that makes its coupon a commercetools discount code, in one transaction. The row and the
// event are keyed by Friendbuy's rewardId, so processing the same item twice changes nothing.

import { findCustomerIdByEmail, getCustomer } from '../commercetools/customer-access.js';
import { findCampaign } from '../domain/campaign.js';
import { emailHashOf } from '../domain/identity.js';
import { REWARD_EVENT } from '../domain/reward-events.js';
import type { RewardKind } from '../domain/reward-summary.js';
import type { AdvocateRewardItem, FriendIncentiveItem } from '../friendbuy/webhooks.js';
import type { InboxRow } from '../store/inbox.js';
import { enqueue } from '../store/outbox.js';
import { findReferredOrder, type ReferredOrder } from '../store/referred-orders.js';
import { insertReward } from '../store/rewards.js';
import type { FlowDeps } from './deps.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { enqueueEligibilityEvaluation } from './queue-eligibility-evaluation.js';
import { recordRewardEvent } from './reward-ledger.js';

export type RewardItem =
  | { kind: 'advocateReward'; item: AdvocateRewardItem }
  | { kind: 'friendIncentive'; item: FriendIncentiveItem };

export async function issueReward(deps: FlowDeps, row: InboxRow, reward: RewardItem): Promise<void> {
  const { kind, item } = reward;
  const envelope = row.payload as { webhookId?: string; createdOn?: string };
  const occurredAt = dateOf(item.createdOn) ?? dateOf(envelope.createdOn) ?? new Date(row.receivedAt);
  const customerId = await commercetoolsCustomerOf(deps, item);
  if (!customerId) {
    // The reward is still recorded (and its coupon created); support finds it by rewardId. No PII in the log.
    deps.logger.warn(
      {
        rewardId: item.rewardId,
        kind,
        namedBy: { customerId: Boolean(item.customerId), emailAddress: Boolean(item.emailAddress) },
      },
      'Friendbuy reward names a customer the connector cannot find in commercetools',
    );
  }
  const order = reward.kind === 'advocateReward' ? await friendOrderOf(deps, reward.item) : undefined;
  const campaignId = item.campaignId ?? campaignOf(deps, kind, order, item.rewardUnit);
  const amount = item.rewardAmount === undefined ? null : String(item.rewardAmount);
  const now = deps.clock.now();

  await deps.db.transaction(async (tx) => {
    await insertReward(tx, {
      rewardId: item.rewardId,
      kind,
      customerId: customerId ?? null,
      emailHash: emailHashOf(deps.config, item.emailAddress) ?? null,
      campaignId: campaignId ?? null,
      couponCode: item.couponCode ?? null,
      amount,
      unit: item.rewardUnit ?? null,
      orderId: order?.orderId ?? null,
      state: 'none',
      inboxId: row.id,
      issuedAt: occurredAt,
    });
    const recorded = await recordRewardEvent(
      tx,
      item.rewardId,
      REWARD_EVENT.issued,
      {
        kind,
        rewardType: item.rewardType,
        amount,
        unit: item.rewardUnit,
        couponCode: item.couponCode,
        campaignId,
        friendbuyCustomerId: item.customerId,
        customerId,
        emailHash: emailHashOf(deps.config, item.emailAddress),
        orderId: order?.orderId,
        ...peersOf(deps, reward),
        webhookId: envelope.webhookId,
      },
      { dedupKey: `reward.issued:${item.rewardId}`, occurredAt, now, correlationId: row.correlationId },
    );
    // The reward may arrive after its order became ineligible, or push the advocate past a cap: the order's
    // evaluation (and its reward-stage fraud check) decides, and reverses the reward if it must.
    if (order && recorded.outcome === 'recorded' && deps.campaigns.some((c) => c.policy)) {
      const evaluation = { orderId: order.orderId, reason: `reward:${item.rewardId}` };
      await enqueueEligibilityEvaluation(tx, { ...evaluation, correlationId: row.correlationId }, now);
    }
    if (item.couponCode && recorded.outcome === 'recorded') {
      const job = newJob(JOB.rewardCoupon, {
        dedupKey: `reward-coupon:${item.rewardId}`,
        payload: { rewardId: item.rewardId },
        correlationId: row.correlationId,
      });
      await enqueue(tx, job, now);
    }
  });
}

/**
 * The recipient's commercetools customer id: Friendbuy's `customerId` is ours when we reported them (a
 * commercetools id, or a `guest_…` pseudonym that is no customer), else we look them up by email.
 */
async function commercetoolsCustomerOf(
  deps: FlowDeps,
  item: { customerId?: string | undefined; emailAddress?: string | undefined },
): Promise<string | undefined> {
  const id = item.customerId;
  if (id && !id.startsWith('guest_') && (await getCustomer(deps.commercetools, id))) return id;
  return item.emailAddress ? findCustomerIdByEmail(deps.commercetools, item.emailAddress) : undefined;
}

/** The friend's order that earned an advocate reward (the first friend listed with a known order). */
async function friendOrderOf(deps: FlowDeps, item: AdvocateRewardItem): Promise<ReferredOrder | undefined> {
  for (const friend of item.friends ?? []) {
    const order = await findReferredOrder(deps.db, {
      friendbuyCustomerId: friend.friendCustomerId,
      emailHash: emailHashOf(deps.config, friend.friendEmailAddress),
    });
    if (order) return order;
  }
  return undefined;
}

/** Without Friendbuy's campaign id: the campaign of the friend's store, else of the reward's currency. */
function campaignOf(
  deps: FlowDeps,
  kind: RewardKind,
  order: ReferredOrder | undefined,
  unit: string | undefined,
): string | undefined {
  if (kind === 'advocateReward' && order?.storeKey)
    return findCampaign(deps.campaigns, { storeKey: order.storeKey })?.id;
  return unit && /^[A-Z]{3}$/.test(unit) ? findCampaign(deps.campaigns, { currency: unit })?.id : undefined;
}

/** The other side of the referral, without personal data: the ledger keeps keyed hashes of emails. */
function peersOf(deps: FlowDeps, reward: RewardItem): Record<string, unknown> {
  if (reward.kind === 'advocateReward') {
    const friends = (reward.item.friends ?? []).map((friend) => ({
      friendbuyCustomerId: friend.friendCustomerId,
      emailHash: emailHashOf(deps.config, friend.friendEmailAddress),
    }));
    return { friends };
  }
  return {
    advocate: {
      friendbuyCustomerId: reward.item.advocateCustomerId,
      emailHash: emailHashOf(deps.config, reward.item.advocateEmailAddress),
    },
  };
}

function dateOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
