// The emulated campaign rules: which tracked purchase earns rewards, and the webhook items Friendbuy would send
// for them. Deliberately simple (real campaigns are configured in Friendbuy's Retailer App): a new customer's
// purchase through a known advocate's code, link or friend incentive earns the advocate a reward and the friend
// an incentive for their next order. Self-referrals earn nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import type { StoredReferralLink } from './directory.js';

export interface EmulatedRewardRules {
  /** The advocate's reward per qualifying purchase, in the purchase's currency (major units). */
  advocateReward: { amount: string };
  /** The friend's incentive after a qualifying purchase (`%` or a currency); null issues none. */
  friendIncentive: { amount: string; unit: string } | null;
}

export const DEFAULT_REWARD_RULES: EmulatedRewardRules = {
  advocateReward: { amount: '10.00' },
  friendIncentive: { amount: '10', unit: '%' },
};

export interface TrackedPurchase {
  orderId: string;
  customerId: string;
  email?: string | undefined;
  currency: string;
  isNewCustomer?: boolean | undefined;
}

export type Qualification = { ok: true } | { ok: false; reason: string };

export function qualifies(purchase: TrackedPurchase, advocate: StoredReferralLink): Qualification {
  const sameEmail = purchase.email && purchase.email.toLowerCase() === advocate.email.toLowerCase();
  if (sameEmail || purchase.customerId === advocate.customerId) return { ok: false, reason: 'self-referral' };
  if (purchase.isNewCustomer === false) return { ok: false, reason: 'not a new customer' };
  return { ok: true };
}

/** Friendbuy lowercases code-bank codes (S6); the emulator's coupons look the same. */
export function couponCode(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A reward item as Friendbuy sends it (S1, S5, S8): a fresh rewardId and coupon code. */
function rewardItem(
  fields: { unit: string; amount: string; email?: string | undefined; customerId?: string | undefined },
  couponPrefix: string,
  createdOn: string,
): Record<string, unknown> {
  return {
    rewardId: randomUUID(),
    rewardType: 'discount',
    rewardUnit: fields.unit,
    rewardAmount: fields.amount,
    ...(fields.email ? { emailAddress: fields.email } : {}),
    ...(fields.customerId ? { customerId: fields.customerId } : {}),
    couponCode: couponCode(couponPrefix),
    createdOn,
    rewardTrigger: 'purchase',
  };
}

export function advocateRewardItem(
  rules: EmulatedRewardRules,
  purchase: TrackedPurchase,
  advocate: StoredReferralLink,
  createdOn: string,
): Record<string, unknown> {
  const fields = {
    unit: purchase.currency.toUpperCase(),
    amount: rules.advocateReward.amount,
    email: advocate.email,
    customerId: advocate.customerId,
  };
  return {
    ...rewardItem(fields, 'adv', createdOn),
    friends: [
      { friendEmailAddress: purchase.email, friendCustomerId: purchase.customerId, conversionNumber: 1 },
    ],
  };
}

export function friendIncentiveItem(
  incentive: NonNullable<EmulatedRewardRules['friendIncentive']>,
  purchase: TrackedPurchase,
  advocate: StoredReferralLink,
  createdOn: string,
): Record<string, unknown> {
  return {
    ...rewardItem(
      { ...incentive, email: purchase.email, customerId: purchase.customerId },
      'friend',
      createdOn,
    ),
    advocateEmailAddress: advocate.email,
    ...(advocate.customerId ? { advocateCustomerId: advocate.customerId } : {}),
  };
}

/** Fills what a hand-written trigger leaves out, so `{"type":"advocateReward","data":[{}]}` is a valid reward. */
export function completeItem(
  type: string,
  item: Record<string, unknown>,
  createdOn: string,
): Record<string, unknown> {
  if (type === 'advocateReward' || type === 'friendIncentive') {
    const prefix = type === 'advocateReward' ? 'adv' : 'friend';
    return { ...rewardItem({ unit: 'USD', amount: '10.00' }, prefix, createdOn), ...item };
  }
  if (type === 'emailCapture') return { eventId: randomUUID(), ...item };
  return item;
}
