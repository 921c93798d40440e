// An operator issues a reward's coupon again, for "my code does not work": while the reward is owed to its
// recipient. A reward whose redeeming order was cancelled (`reissuePending`) gets a replacement code, spelled
// from the reward and that order exactly as the automatic reissue would, so the two never make two codes; an
// available reward whose code was deleted from commercetools gets it back; an issued reward whose code was
// never created gets it now. Anything else (held, used, reversed, expired) is refused with its state in words.
// The reward event and the operator's audit record commit in one transaction.
import { getDiscountCodesWithDiscounts } from '../../commercetools/discount-access.js';
import { rewardStateInWords } from '../../domain/console/words.js';
import type { Operator } from '../../domain/operators.js';
import { REWARD_EVENT, rewardStream } from '../../domain/reward-events.js';
import { foldRewardState } from '../../domain/reward-state.js';
import { findCode, reopenCode } from '../../store/codes.js';
import { readStream } from '../../store/ledger.js';
import { findReward } from '../../store/rewards.js';
import { rewardCouponInputOf } from '../create-reward-coupon.js';
import type { FlowDeps } from '../deps.js';
import { recordOperatorAction } from '../operator-audit.js';
import { ensureRewardCoupon } from '../reward-coupons.js';
import { recordRewardEvent } from '../reward-ledger.js';
import { issueReplacement } from '../track-code-redemptions.js';

export interface ReissueInput {
  operator: Operator;
  reason: string;
  /** The caller's Idempotency-Key: the same request again is recorded once. */
  requestKey?: string | undefined;
  correlationId?: string | undefined;
}

export type ReissueResult =
  | { outcome: 'notFound' }
  | { outcome: 'refused'; state: string; message: string }
  | {
      outcome: 'reissued';
      coupon: { code: string; discountCodeId: string; created: boolean; replaces: string | null };
    };

export async function reissueRewardCoupon(
  deps: FlowDeps,
  rewardId: string,
  input: ReissueInput,
): Promise<ReissueResult> {
  const reward = await findReward(deps.db, rewardId);
  if (!reward) return { outcome: 'notFound' };
  const events = await readStream(deps.db, rewardStream(rewardId));
  const { state } = foldRewardState(events);
  const refuse = (why: string): ReissueResult => ({
    outcome: 'refused',
    state,
    message: `reward ${rewardId} ${why}: ${rewardStateInWords({ state, couponCode: reward.couponCode })}`,
  });
  if (!reward.couponCode) return refuse('has no coupon to issue');
  const record = async (
    event: typeof REWARD_EVENT.reissued | typeof REWARD_EVENT.codeCreated | undefined,
    data: Record<string, unknown>,
    dedupKey: string,
  ) => {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      if (event)
        await recordRewardEvent(tx, rewardId, event, data, {
          dedupKey,
          correlationId: input.correlationId,
          occurredAt: now,
          now,
        });
      await recordOperatorAction(
        tx,
        input.operator,
        {
          action: 'coupon.reissued',
          subject: `reward:${rewardId}`,
          reason: input.reason,
          details: { code: data.code, replaces: data.replaces ?? null },
          correlationId: input.correlationId,
          dedupKey: input.requestKey && `coupon.reissued:${rewardId}:${input.requestKey}`,
        },
        now,
      );
    });
  };

  if (state === 'reissuePending') {
    const requested = events.findLast((e) => e.type === REWARD_EVENT.reissueRequested);
    const orderId = String(requested?.data.orderId ?? '');
    const original = await findCode(deps.db, String(requested?.data.code ?? reward.couponCode));
    if (!original || !orderId) return refuse('has no cancelled redemption on record');
    const replacement = await issueReplacement(deps, original, orderId);
    // The automatic reissue's own event and key: whichever runs first records it, the other finds it done.
    await record(
      REWARD_EVENT.reissued,
      { orderId, replaces: original.commercetoolsCode, ...replacement },
      `${REWARD_EVENT.reissued}:${rewardId}:${orderId}`,
    );
    return {
      outcome: 'reissued',
      coupon: { ...replacement, created: true, replaces: original.commercetoolsCode },
    };
  }
  if (state !== 'issued' && state !== 'available') return refuse('cannot get its coupon again');

  const entry = await findCode(deps.db, reward.couponCode);
  if (state === 'available' && entry?.discountCodeId) {
    const present = await getDiscountCodesWithDiscounts(deps.commercetools, [entry.discountCodeId]);
    // The code is gone from commercetools: reopen its registry row so issuing creates it again.
    if (present.length === 0) await reopenCode(deps.db, entry.code, deps.clock.now());
  }
  const coupon = await ensureRewardCoupon(deps, await rewardCouponInputOf(deps, reward, reward.couponCode));
  const code = entry?.commercetoolsCode ?? reward.couponCode;
  await record(
    state === 'issued' ? REWARD_EVENT.codeCreated : undefined,
    { couponCode: reward.couponCode, code, discountCodeId: coupon.discountCodeId, created: coupon.created },
    `reward.code-created:${rewardId}`,
  );
  return {
    outcome: 'reissued',
    coupon: { code, discountCodeId: coupon.discountCodeId, created: coupon.created, replaces: null },
  };
}
