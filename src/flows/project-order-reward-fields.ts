// Job `commercetools.order-reward-fields`: the reward state of an order (the advocate reward the friend's order
// earned, and any reward redeemed on it) and the friend incentive code it used, on the order's custom fields.
// Computed from the ledger when the job runs; the write is the order fields projector's.
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { listOrderRewards } from '../store/rewards.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { createOrderFieldsProjector } from './project-order-fields.js';
import { loadRewardViews } from './reward-history.js';

export function createOrderRewardFieldsProjector(
  deps: FlowDeps,
): HandlerOf<typeof JOB.projectOrderRewardFields> {
  const project = createOrderFieldsProjector(deps);
  return async (payload, context) => {
    const orderId = payload.orderId;
    const views = await loadRewardViews(deps.db, await listOrderRewards(deps.db, orderId));
    if (views.length === 0) return;
    // e.g. "advocateReward:available, friendIncentive:redeemed": one text field for support to read.
    const states = [...new Set(views.map((view) => `${view.kind}:${view.state}`))].sort();
    const incentive = views.find(
      (view) => view.kind === 'friendIncentive' && view.redeemedOrderId === orderId,
    );
    const fields = {
      [ORDER_FIELDS.rewardState]: states.join(', '),
      [ORDER_FIELDS.friendIncentiveCode]: incentive?.couponCode ?? undefined,
    };
    await project({ orderId, fields }, context);
  };
}

export const projectOrderRewardFieldsJob = defineJob({
  kind: JOB.projectOrderRewardFields,
  handler: createOrderRewardFieldsProjector,
});
