// Whether a referred order earns its advocate's reward under the campaign's policy, as of `now`: eligible,
// pending (until when, waiting for what) or ineligible (why). Pure: the same facts, policy and time always
// give the same answer, so it can be re-run on every order event and on every timer without side effects.
import { advocateCapBreaches } from './advocate-caps.js';
import { earliest, latest } from './durations.js';
import {
  addMoney,
  compareMoney,
  formatAmountTextForFriendbuy,
  type Money,
  policyMoney,
  toFractionDigits,
} from './money.js';
import { netOrderValueOf } from './net-order-value.js';
import type { OrderFacts } from './order-facts.js';
import { type OrderMilestones, orderMilestones } from './order-milestones.js';
import type { RewardPolicy } from './policy.js';

export type IneligibleCode =
  | 'cancelled'
  | 'fully-returned'
  | 'fully-refunded'
  | 'not-new-customer'
  | 'currency-without-minimum'
  | 'below-minimum'
  | 'discount-share-too-high'
  | 'not-counted-in-time'
  | 'advocate-cap-reached'
  | 'fraud-rejected'
  | 'review-rejected';

export interface IneligibleReason {
  code: IneligibleCode;
  message: string;
}

/**
 * `order`: no `order.created` yet; `countingState`: `countsWhen` not reached; then the window's start or end;
 * `review`: the fraud check held the referral for an operator.
 */
export type WaitingFor = 'order' | 'countingState' | 'shipment' | 'delivery' | 'returnWindow' | 'review';

export type EligibilityResult =
  | { status: 'eligible' }
  | { status: 'pending'; until?: Date | undefined; waitingFor: WaitingFor[] }
  | { status: 'ineligible'; reasons: IneligibleReason[] };

/**
 * The order's eligibility at `now`. Cancellations, returns and refunds count only up to the end of the return
 * window, so an eligible order stays eligible; every broken rule is listed, not just the first.
 * @example
 * evaluateEligibility(facts, policy, new Date('2025-03-01T00:00:00Z'))
 * // { status: 'pending', until: 2025-03-31T10:00:00Z, waitingFor: ['returnWindow'] }
 */
export function evaluateEligibility(facts: OrderFacts, policy: RewardPolicy, now: Date): EligibilityResult {
  const milestones = orderMilestones(facts, policy);
  const reasons = ruleBreaches(facts, policy, milestones, now);
  if (reasons.length > 0) return { status: 'ineligible', reasons };
  const waitingFor = waitingOn(facts, policy, milestones, now);
  if (waitingFor.length > 0) {
    const timers = [milestones.windowEnd, milestones.deadline].filter(
      (t) => t && t.getTime() > now.getTime(),
    );
    return { status: 'pending', until: earliest(timers), waitingFor };
  }
  // Caps are judged at the moment the order became eligible, so a later look gives the same answer.
  const { advocateRewards: rewards, campaignId, rewardValue } = facts;
  const eligibleSince = latest([milestones.windowEnd, milestones.countedAt]) ?? now;
  const breaches = advocateCapBreaches(
    { at: eligibleSince, campaignId, rewards, rewardValue },
    policy.advocateCaps,
  );
  if (breaches.length === 0) return { status: 'eligible' };
  return {
    status: 'ineligible',
    reasons: breaches.map((b) => ({
      code: 'advocate-cap-reached',
      message: `the advocate would reach ${b.reached} against a ${b.period} ${b.cap} of ${b.max}${b.currency ? ` ${b.currency}` : ''}`,
    })),
  };
}

/**
 * When a durable timer should evaluate the order again: the end of what it waits for, if known.
 * @example nextEvaluationAt({ status: 'pending', until: windowEnd, waitingFor: ['returnWindow'] }) // windowEnd
 */
export function nextEvaluationAt(result: EligibilityResult): Date | undefined {
  return result.status === 'pending' ? result.until : undefined;
}

function ruleBreaches(
  facts: OrderFacts,
  policy: RewardPolicy,
  m: OrderMilestones,
  now: Date,
): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  const add = (code: IneligibleCode, message: string) => reasons.push({ code, message });
  const excluded = (exclusion: RewardPolicy['excludeWhen'][number]) => policy.excludeWhen.includes(exclusion);
  const value = netOrderValueOf(facts, m.windowEnd);
  const inWindow = (at: Date | undefined) => at && (!m.windowEnd || at.getTime() <= m.windowEnd.getTime());
  if (excluded('cancelled') && inWindow(facts.cancelledAt)) add('cancelled', 'the order was cancelled');
  if (excluded('fullyReturned') && value.fullyReturned) add('fully-returned', 'every item was returned');
  if (excluded('fullyRefunded') && value.fullyRefunded)
    add('fully-refunded', 'the order was refunded in full');
  if (policy.newCustomersOnly && !facts.isNewCustomer)
    add('not-new-customer', 'the friend had ordered before');
  const currency = value.netOrderValue.currencyCode;
  const minimum = policy.minimumNetOrderValue[currency];
  if (minimum === undefined && Object.keys(policy.minimumNetOrderValue).length > 0) {
    add('currency-without-minimum', `the campaign sets no minimum order value in ${currency}`);
  } else if (minimum !== undefined && compareMoney(value.netOrderValue, policyMoney(minimum, currency)) < 0) {
    add(
      'below-minimum',
      `net order value ${text(value.netOrderValue)} is below ${text(policyMoney(minimum, currency))}`,
    );
  }
  if (policy.maxDiscountPercent !== undefined && discountAbove(facts, policy.maxDiscountPercent)) {
    add('discount-share-too-high', `discounts paid more than ${policy.maxDiscountPercent} % of the order`);
  }
  const { fraud } = facts;
  if (fraud?.review?.decision === 'reject')
    add(
      'review-rejected',
      `rejected in review by ${fraud.review.by}: ${fraud.review.reason ?? 'no reason given'}`,
    );
  else if (fraud?.verdict === 'reject' && fraud.review?.decision !== 'approve')
    add('fraud-rejected', `the fraud check rejected the referral (${fraud.signals.join(', ') || 'score'})`);
  const byDeadline = (at: Date | undefined) =>
    at !== undefined && m.deadline !== undefined && at <= m.deadline;
  if (m.deadline && now >= m.deadline && !(byDeadline(m.countedAt) && byDeadline(m.windowStart))) {
    add(
      'not-counted-in-time',
      `the order did not reach its counting state and return window by ${m.deadline.toISOString()}`,
    );
  }
  return reasons;
}

function waitingOn(facts: OrderFacts, policy: RewardPolicy, m: OrderMilestones, now: Date): WaitingFor[] {
  if (!facts.placedAt) return ['order'];
  const waiting: WaitingFor[] = [];
  if (!m.countedAt) waiting.push('countingState');
  if (!m.windowStart) waiting.push(policy.returnWindow.from === 'delivery' ? 'delivery' : 'shipment');
  else if (m.windowEnd && now.getTime() < m.windowEnd.getTime()) waiting.push('returnWindow');
  if (facts.fraud?.verdict === 'hold' && !facts.fraud.review) waiting.push('review');
  return waiting;
}

/** Discounts paid more than `maxPercent` of the order's value before discounts. */
function discountAbove(facts: OrderFacts, maxPercent: number): boolean {
  const before = addMoney(facts.netOrderValue, facts.discountAmount);
  const discount = toFractionDigits(facts.discountAmount, before.fractionDigits);
  return BigInt(discount.centAmount) * 100n > BigInt(maxPercent) * BigInt(before.centAmount);
}

const text = (m: Money) => `${formatAmountTextForFriendbuy(m)} ${m.currencyCode}`;
