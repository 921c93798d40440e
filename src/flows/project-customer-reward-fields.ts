// Job `commercetools.customer-reward-fields`: what support sees of a customer's rewards on the commercetools
// customer — referral role, counts and values issued and redeemed (JSON text), last reward state. Computed from
// the ledger when the job runs, so whichever job runs last writes the latest state; the write itself (version
// conflicts, the no-op loop guard) is the customer referral fields projector's.
import { CUSTOMER_FIELDS } from '../commercetools/custom-fields.js';
import { type RewardKind, referralRoleOf, summariseRewards } from '../domain/reward-summary.js';
import { hasReferralCode } from '../store/referral-codes.js';
import { listCustomerRewards } from '../store/rewards.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { createCustomerReferralFieldsProjector } from './project-customer-referral-fields.js';
import { loadRewardViews, overviewOf } from './reward-history.js';

export function createCustomerRewardFieldsProjector(
  deps: FlowDeps,
): HandlerOf<typeof JOB.projectCustomerRewardFields> {
  const project = createCustomerReferralFieldsProjector(deps);
  return async (payload, context) => {
    const customerId = payload.customerId;
    const views = await loadRewardViews(deps.db, await listCustomerRewards(deps.db, customerId));
    const rewards = views.flatMap((view) => (view.kind ? [overviewOf({ ...view, kind: view.kind })] : []));
    if (rewards.length === 0) return;
    const summary = summariseRewards(rewards);
    const kinds: RewardKind[] = rewards.map((reward) => reward.kind);
    // Owning a referral code makes a customer an advocate before their first reward.
    if (await hasReferralCode(deps.db, customerId)) kinds.push('advocateReward');
    const fields = {
      [CUSTOMER_FIELDS.referralRole]: referralRoleOf(kinds),
      [CUSTOMER_FIELDS.rewardsSummary]: JSON.stringify(summary),
      [CUSTOMER_FIELDS.lastRewardState]: summary.last?.state,
    };
    await project({ customerId, fields }, context);
  };
}

export const projectCustomerRewardFieldsJob = defineJob({
  kind: JOB.projectCustomerRewardFields,
  handler: createCustomerRewardFieldsProjector,
});
