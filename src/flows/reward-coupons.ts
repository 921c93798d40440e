// Reward coupons from Friendbuy webhooks (advocateReward, friendIncentive): makes sure the coupon code works in
// commercetools, single use and, when we know the recipient, only for them. The value is the webhook's
// (rewardAmount + rewardUnit) unless the campaign overrides it; with no campaign at all, sensible defaults apply.
import type { Campaign, DiscountValue } from '../domain/campaign.js';
import { campaignById } from '../domain/campaign.js';
import type { CodeChannel } from '../domain/code-ownership.js';
import { recipientPredicate } from '../domain/code-predicates.js';
import {
  cartDiscountSpecFor,
  DEFAULT_CODE_VALUE,
  parseRewardValue,
  validityFor,
} from '../domain/code-values.js';
import { collisionError } from './code-errors.js';
import { type CodeDeps, type CodeRequest, issueCode } from './code-issuance.js';
import type { FlowDeps } from './deps.js';

export interface RewardCouponInput {
  /** Friendbuy's rewardId. */
  rewardId: string;
  kind: 'advocateReward' | 'friendIncentive';
  couponCode: string;
  campaignId?: string | undefined;
  /** `customerId` is Friendbuy's (our) id: a commercetools id, or a `guest_…` pseudonym. */
  recipient: { customerId?: string | undefined; email?: string | undefined };
  /** Friendbuy's rewardAmount ("20.00") and rewardUnit (a currency, "%", or a SKU we cannot express). */
  amount?: string | number | undefined;
  unit?: string | undefined;
  occurredAt: Date;
}

export type RewardCouponDeps = CodeDeps & Pick<FlowDeps, 'campaigns'>;

/**
 * Idempotent and safe to call from two processes at once: one commercetools code results. Throws a
 * CodeFlowError `CodeCollision` naming the owner when the code belongs to someone else.
 *
 * @example
 * const { discountCodeId, created } = await ensureRewardCoupon(deps, {
 *   rewardId, kind: 'advocateReward', couponCode: 'adv-7kq2', recipient: { customerId }, amount: '10.00',
 *   unit: 'USD', occurredAt: new Date(webhook.createdOn),
 * });
 */
export async function ensureRewardCoupon(
  deps: RewardCouponDeps,
  input: RewardCouponInput,
): Promise<{ discountCodeId: string; created: boolean }> {
  const outcome = await issueCode(deps, rewardCouponRequest(deps.campaigns, input));
  if (outcome.status === 'collision') throw collisionError(outcome.code, outcome.owner, outcome.description);
  return { discountCodeId: outcome.discountCodeId, created: outcome.status === 'created' };
}

/** The code a reward coupon should be in commercetools (pure given the campaigns). */
export function rewardCouponRequest(campaigns: readonly Campaign[], input: RewardCouponInput): CodeRequest {
  const webhookValue = parseRewardValue(input.amount, input.unit);
  const campaign = rewardCampaign(campaigns, input, webhookValue);
  const value: DiscountValue =
    input.kind === 'advocateReward'
      ? (campaign?.advocateReward.value ?? webhookValue ?? DEFAULT_CODE_VALUE)
      : (webhookValue ?? campaign?.friendIncentive.value ?? DEFAULT_CODE_VALUE);
  const cartDiscount = cartDiscountSpecFor(value, {
    currencies: campaign?.currencies ?? currenciesOf(webhookValue),
    storeKeys: campaign?.storeKeys ?? [],
    minimumOrder: input.kind === 'friendIncentive' ? campaign?.friendIncentive.minimumOrder : undefined,
  });
  const validForDays =
    input.kind === 'advocateReward'
      ? campaign?.advocateReward.validForDays
      : campaign?.friendIncentive.validForDays;
  const channel: CodeChannel = input.kind;
  return {
    code: input.couponCode.trim(),
    owner: {
      channel,
      campaignId: campaign?.id,
      storeKeys: cartDiscount.storeKeys,
      currencies: cartDiscount.currencies,
      rewardId: input.rewardId,
    },
    cartDiscount,
    discountCode: {
      cartPredicate: recipientPredicate(input.recipient),
      maxApplications: 1,
      ...validityFor(input.occurredAt, validForDays),
    },
  };
}

/**
 * The campaign named by the webhook, else the only campaign serving the reward's currency. Friendbuy's
 * advocateReward payload names no campaign, and guessing among several would scope the code wrongly.
 */
function rewardCampaign(
  campaigns: readonly Campaign[],
  input: RewardCouponInput,
  webhookValue: DiscountValue | undefined,
): Campaign | undefined {
  if (input.campaignId) return campaignById(campaigns, input.campaignId);
  const [currency] = currenciesOf(webhookValue);
  const serving = currency ? campaigns.filter((c) => c.currencies.includes(currency)) : [];
  return serving.length === 1 ? serving[0] : undefined;
}

function currenciesOf(value: DiscountValue | undefined): string[] {
  return value?.type === 'amount' ? Object.keys(value.amounts) : [];
}
