// A campaign's reward policy: when a referred order earns its advocate's reward, how the reward waits until
// then (`rewardHold`), and the fraud policy. Plain data with every default filled in; the campaign file is
// parsed into it by campaigns/policy-schema.ts, which takes its defaults from DEFAULT_REWARD_POLICY.

import type { AdvocateCaps } from './advocate-caps.js';
import { DEFAULT_FRAUD_POLICY, type FraudPolicy } from './fraud/fraud-policy.js';
import type { OrderState, PaymentState, ShipmentState } from './order-status.js';

/**
 * The state that makes a purchase count: every field given must have reached one of its listed values (at
 * any time; later changes are judged by the exclusions). `'none'` counts the purchase as soon as it is placed.
 * @example { shipmentState: ['Shipped', 'Delivered'] }
 * @example { orderState: ['Complete'], paymentState: ['Paid'] }
 */
export type CountingState =
  | 'none'
  | {
      orderState?: readonly OrderState[] | undefined;
      shipmentState?: readonly ShipmentState[] | undefined;
      paymentState?: readonly PaymentState[] | undefined;
    };

/** `shipment`: shipmentState first Shipped (or Delivered); `delivery`: first Delivered; `order`: placed. */
export type ReturnWindowStart = 'delivery' | 'shipment' | 'order';

/** @example { days: 30, from: 'delivery' } — returns, refunds and cancellations count until 30 days after delivery */
export interface ReturnWindow {
  days: number;
  from: ReturnWindowStart;
}

/** What makes an order ineligible when it happens before the return window closes. */
export type Exclusion = 'cancelled' | 'fullyReturned' | 'fullyRefunded';

/**
 * - `friendbuyHolds`: the purchase is reported at once; Friendbuy waits `rewardDelayDays` (set on the
 *   campaign in Friendbuy, mirrored here) and then asks our reward validation callback, retrying a pending
 *   answer every 15 minutes for `friendbuyRetryHours` (friendbuy-api.md §3.5).
 * - `connectorHolds`: the purchase is reported to Friendbuy only once the order is eligible.
 */
export interface RewardHold {
  mode: 'friendbuyHolds' | 'connectorHolds';
  rewardDelayDays: number;
  friendbuyRetryHours: number;
}

export interface RewardPolicy {
  /** Minimum net order value per currency, minor units; when any is set, other currencies are ineligible. */
  minimumNetOrderValue: Readonly<Record<string, number>>;
  newCustomersOnly: boolean;
  countsWhen: CountingState;
  /** Days after the order by which it must reach `countsWhen` and its return window's start; unbounded if unset. */
  countingDeadlineDays?: number | undefined;
  returnWindow: ReturnWindow;
  excludeWhen: readonly Exclusion[];
  /** Largest share of the order, in percent of its value before discounts, that discounts may pay. */
  maxDiscountPercent?: number | undefined;
  advocateCaps: AdvocateCaps;
  rewardHold: RewardHold;
  fraud: FraudPolicy;
  /** Only the fraud check applies (a campaign without `policy`): orders that name no advocate are not judged. */
  fraudCheckOnly?: boolean | undefined;
}

/**
 * What `"policy": {}` gives: new customers only, a 30-day return window from the order date, excluded when
 * cancelled or fully returned or refunded in it, the purchase held by the connector (which needs nothing set
 * up in Friendbuy), and the default fraud policy. A campaign without `policy` gets FRAUD_CHECK_ONLY_POLICY.
 */
export const DEFAULT_REWARD_POLICY: RewardPolicy = {
  minimumNetOrderValue: {},
  newCustomersOnly: true,
  countsWhen: 'none',
  returnWindow: { days: 30, from: 'order' },
  excludeWhen: ['cancelled', 'fullyReturned', 'fullyRefunded'],
  advocateCaps: { limits: [], acrossCampaigns: false },
  rewardHold: { mode: 'connectorHolds', rewardDelayDays: 0, friendbuyRetryHours: 72 },
  fraud: DEFAULT_FRAUD_POLICY,
};

/**
 * What a campaign without `policy` gets (unless it says `"fraud": "off"`): no reward rules of its own, only the
 * default fraud check, so a merchant who wrote no rules is still protected. Purchases are reported at once, as
 * without a policy; the check records its verdict, holds go to the review queue, and a rejected (or
 * review-rejected) referral is ineligible: the reward validation callback answers 400 and an issued reward is
 * reversed (its commercetools code deactivated).
 */
export const FRAUD_CHECK_ONLY_POLICY: RewardPolicy = {
  minimumNetOrderValue: {},
  newCustomersOnly: false,
  countsWhen: 'none',
  returnWindow: { days: 0, from: 'order' },
  excludeWhen: [],
  advocateCaps: { limits: [], acrossCampaigns: false },
  rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 0, friendbuyRetryHours: 72 },
  fraud: DEFAULT_FRAUD_POLICY,
  fraudCheckOnly: true,
};
