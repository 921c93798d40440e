// Behaviour that betrays a gamed referral: buying seconds after the click (a script, or someone who already had
// the basket ready), an existing customer taking the new-customer friend incentive, and an advocate past a cap.
import {
  type AdvocateCapInput,
  type AdvocateCaps,
  advocateCapBreaches,
  type CapBreach,
} from '../advocate-caps.js';
import type { SignalResult } from './signal.js';

export interface FastClickThresholds {
  /** A purchase fewer than this many seconds after the referral click fires the signal (e.g. 30). */
  minSeconds: number;
}

/**
 * The friend bought faster than a person plausibly does after clicking the referral link. Without a click time
 * (a code typed at checkout) it cannot fire.
 * @example evaluateFastClickToPurchase({ clickedAt, purchasedAt: plus(clickedAt, 5_000) }, { minSeconds: 30 }).fired // true
 */
export function evaluateFastClickToPurchase(
  input: { clickedAt?: Date | undefined; purchasedAt: Date },
  thresholds: FastClickThresholds,
): SignalResult<{ seconds?: number; minSeconds?: number }> {
  if (!input.clickedAt) return { signal: 'fastClickToPurchase', fired: false, evidence: {} };
  const seconds = (input.purchasedAt.getTime() - input.clickedAt.getTime()) / 1000;
  const fired = seconds >= 0 && seconds < thresholds.minSeconds;
  return { signal: 'fastClickToPurchase', fired, evidence: { seconds, minSeconds: thresholds.minSeconds } };
}

export interface ExistingCustomerInput {
  /** From the connector's order history by customer id and email hash (not only Friendbuy's flag). */
  isNewCustomer: boolean;
  /** The order used the friend incentive (the advocate's referral code or a friend coupon). */
  usedFriendIncentive: boolean;
  /** How many earlier orders were found, for the evidence. */
  earlierOrders?: number | undefined;
}

/**
 * An existing customer used an incentive meant for new customers.
 * @example evaluateExistingCustomer({ isNewCustomer: false, usedFriendIncentive: true, earlierOrders: 4 }).fired // true
 */
export function evaluateExistingCustomer(
  input: ExistingCustomerInput,
): SignalResult<{ earlierOrders?: number | undefined }> {
  const fired = !input.isNewCustomer && input.usedFriendIncentive;
  return { signal: 'existingCustomer', fired, evidence: fired ? { earlierOrders: input.earlierOrders } : {} };
}

/**
 * Rewarding this order would take the advocate past a cap of the campaign's policy (the same rule eligibility
 * applies, as a fraud signal so that it can hold for review instead).
 * @example evaluateAdvocateOverCap({ at, campaignId: 'c1', rewards: [...] }, policy.advocateCaps)
 */
export function evaluateAdvocateOverCap(
  input: AdvocateCapInput,
  caps: AdvocateCaps,
): SignalResult<{ breaches: CapBreach[] }> {
  const breaches = advocateCapBreaches(input, caps);
  return { signal: 'advocateOverCap', fired: breaches.length > 0, evidence: { breaches } };
}
