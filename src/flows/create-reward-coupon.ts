// Job `rewards.coupon`: makes a reward's coupon a working commercetools discount code, then records
// `reward.code-created`. The job is unique per reward and the outbox gives it to one worker at a time; the
// code itself is created by `ensureRewardCoupon` (reward-coupons.ts), which is idempotent and safe across
// processes, so a re-run after a crash finds the code and records the fact once.
import { REWARD_EVENT, rewardStream } from '../domain/reward-events.js';
import { foldRewardState } from '../domain/reward-state.js';
import { readInbound } from '../store/inbox.js';
import { readStream } from '../store/ledger.js';
import { findReward, type RewardRow } from '../store/rewards.js';
import { CodeFlowError } from './code-errors.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf, PermanentJobError } from './job.js';
import { JOB } from './job-kinds.js';
import { ensureRewardCoupon, type RewardCouponInput } from './reward-coupons.js';
import { recordRewardEvent } from './reward-ledger.js';

export function createRewardCouponJob(deps: FlowDeps): HandlerOf<typeof JOB.rewardCoupon> {
  return async (payload, { job, logger }) => {
    const rewardId = payload.rewardId;
    const reward = await findReward(deps.db, rewardId);
    if (!reward) throw new PermanentJobError(`reward ${rewardId} is not recorded`);
    if (!reward.couponCode) return;
    const { state } = foldRewardState(await readStream(deps.db, rewardStream(rewardId)));
    // Once the code exists, or the reward was reversed or expired first, there is nothing to create.
    if (state !== 'issued' && state !== 'held') {
      logger.info({ rewardId, state }, 'reward coupon not created: the reward has moved on');
      return;
    }
    const coupon = await ensureCoupon(deps, await rewardCouponInputOf(deps, reward, reward.couponCode));
    const now = deps.clock.now();
    const recorded = await deps.db.transaction((tx) =>
      recordRewardEvent(
        tx,
        rewardId,
        REWARD_EVENT.codeCreated,
        { couponCode: reward.couponCode, discountCodeId: coupon.discountCodeId, created: coupon.created },
        {
          dedupKey: `reward.code-created:${rewardId}`,
          occurredAt: now,
          now,
          correlationId: job.correlationId ?? undefined,
        },
      ),
    );
    logger.info({ rewardId, created: coupon.created, outcome: recorded.outcome }, 'reward coupon ensured');
  };
}

/** A code that belongs to someone else stays theirs: retrying cannot help, an operator must look. */
async function ensureCoupon(deps: FlowDeps, input: RewardCouponInput) {
  try {
    return await ensureRewardCoupon(deps, input);
  } catch (error) {
    if (error instanceof CodeFlowError && error.code === 'CodeCollision')
      throw new PermanentJobError(error.message);
    throw error;
  }
}

/** What the reward's coupon is made from: the reward's row and, for its recipient's address, its webhook. */
export async function rewardCouponInputOf(
  deps: FlowDeps,
  reward: RewardRow,
  couponCode: string,
): Promise<RewardCouponInput> {
  return {
    rewardId: reward.rewardId,
    kind: reward.kind,
    couponCode,
    ...(reward.campaignId ? { campaignId: reward.campaignId } : {}),
    recipient: {
      ...(reward.customerId ? { customerId: reward.customerId } : {}),
      ...(await recipientEmailOf(deps, reward.inboxId)),
    },
    ...(reward.amount !== null ? { amount: reward.amount } : {}),
    ...(reward.unit !== null ? { unit: reward.unit } : {}),
    occurredAt: reward.issuedAt,
  };
}

/** The recipient's address is only in the recorded webhook: our own tables keep keyed hashes. */
async function recipientEmailOf(deps: FlowDeps, inboxId: number | null): Promise<{ email?: string }> {
  const row = inboxId === null ? undefined : await readInbound(deps.db, inboxId);
  const email = (row?.payload as { item?: { emailAddress?: unknown } } | undefined)?.item?.emailAddress;
  return typeof email === 'string' ? { email } : {};
}

export const rewardCouponJob = defineJob({ kind: JOB.rewardCoupon, handler: createRewardCouponJob });
