// Reverses the advocate rewards an order earned once the order is ineligible (cancelled, returned or refunded
// inside its return window): each reversal is recorded with its cause, an unredeemed reward's commercetools
// code is deactivated, and a redeemed one is flagged for manual recovery (a coupon cannot be clawed back).
// Idempotent: the reversal is keyed per reward, and a deactivated code is left alone.
import type { DiscountCode, DiscountCodeUpdateAction } from '@commercetools/platform-sdk';
import { getDiscountCode } from '../commercetools/discount-access.js';
import { updateResourceWithRetry } from '../commercetools/update-with-retry.js';
import type { IneligibleReason } from '../domain/eligibility.js';
import { REWARD_EVENT } from '../domain/reward-events.js';
import { findCode, setCodeStatus } from '../store/codes.js';
import { listOrderRewards, type RewardRow } from '../store/rewards.js';
import type { FlowDeps } from './deps.js';
import { recordRewardEvent } from './reward-ledger.js';

/** @example await reverseOrderRewards(deps, orderId, [{ code: 'fully-returned', message: '…' }]) */
export async function reverseOrderRewards(
  deps: FlowDeps,
  orderId: string,
  reasons: readonly IneligibleReason[],
  correlationId?: string,
): Promise<void> {
  const earned = (await listOrderRewards(deps.db, orderId)).filter(
    (reward) => reward.kind === 'advocateReward' && reward.orderId === orderId,
  );
  for (const reward of earned) {
    const redeemed = reward.state === 'redeemed' || reward.redeemedOrderId !== null;
    if (reward.state !== 'reversed') {
      const now = deps.clock.now();
      await deps.db.transaction((tx) =>
        recordRewardEvent(
          tx,
          reward.rewardId,
          REWARD_EVENT.reversed,
          { orderId, cause: 'orderIneligible', reasons, manualRecovery: redeemed },
          { dedupKey: `reward.reversed:${reward.rewardId}`, occurredAt: now, now, correlationId },
        ),
      );
    }
    if (!redeemed) await deactivateCode(deps, reward);
  }
}

async function deactivateCode(deps: FlowDeps, reward: RewardRow): Promise<void> {
  if (!reward.couponCode) return;
  const entry = await findCode(deps.db, reward.couponCode);
  if (!entry?.discountCodeId || entry.status === 'deactivated') return;
  const id = entry.discountCodeId;
  await updateResourceWithRetry<DiscountCode, DiscountCodeUpdateAction>(deps.commercetools.discountCodes(), {
    what: `discount code ${id} of reward ${reward.rewardId}`,
    read: () => getDiscountCode(deps.commercetools, id),
    buildActions: (code) => (code.isActive ? [{ action: 'changeIsActive', isActive: false }] : []),
  });
  await setCodeStatus(deps.db, entry.code, 'deactivated', deps.clock.now());
}
