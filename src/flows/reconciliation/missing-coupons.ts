// Reconciliation of reward coupons: a reward whose coupon should be usable (state `available`) but whose
// discount code no longer exists in commercetools (deleted by hand, a project restored) gets it back. Recreating
// is safe: the code is the connector's own, single use and restricted to its recipient, as issued the first time.
import { getDiscountCodesWithDiscounts } from '../../commercetools/discount-access.js';
import { normaliseCode } from '../../domain/identity.js';
import { findCodes, reopenCode } from '../../store/codes.js';
import { type Finding, readAvailableRewardIds, saveFinding } from '../../store/reconciliation.js';
import { findReward, type RewardRow } from '../../store/rewards.js';
import { rewardCouponInputOf } from '../create-reward-coupon.js';
import type { FlowDeps } from '../deps.js';
import { ensureRewardCoupon } from '../reward-coupons.js';

export async function reconcileRewardCoupons(
  deps: FlowDeps,
  window: { from: Date; to: Date; repair: boolean },
  day: string,
): Promise<Finding[]> {
  const rewards: RewardRow[] = [];
  for (const rewardId of await readAvailableRewardIds(deps.db, window)) {
    const reward = await findReward(deps.db, rewardId);
    if (reward?.couponCode) rewards.push(reward);
  }
  if (rewards.length === 0) return [];
  const entries = new Map(
    (
      await findCodes(
        deps.db,
        rewards.map((reward) => reward.couponCode!),
      )
    ).map((entry) => [entry.code, entry]),
  );
  const discountCodeIds = [...entries.values()].flatMap((entry) =>
    entry.discountCodeId ? [entry.discountCodeId] : [],
  );
  const present = new Set(
    (await getDiscountCodesWithDiscounts(deps.commercetools, discountCodeIds)).map((code) => code.id),
  );
  const findings: Finding[] = [];
  for (const reward of rewards) {
    const entry = entries.get(normaliseCode(reward.couponCode!));
    if (!entry?.discountCodeId || entry.status !== 'active' || present.has(entry.discountCodeId)) continue;
    let repair: string | undefined;
    if (window.repair && (await reopenCode(deps.db, entry.code, deps.clock.now()))) {
      const coupon = await ensureRewardCoupon(
        deps,
        await rewardCouponInputOf(deps, reward, reward.couponCode!),
      );
      repair = `recreated the coupon in commercetools (discount code ${coupon.discountCodeId})`;
    }
    findings.push(
      await saveFinding(
        deps.db,
        {
          day,
          storeKey: null,
          subject: `reward:${reward.rewardId}`,
          cause: 'coupon-missing',
          detail: {
            rewardId: reward.rewardId,
            couponCode: reward.couponCode,
            discountCodeId: entry.discountCodeId,
          },
          repair,
        },
        deps.clock.now(),
      ),
    );
  }
  return findings;
}
