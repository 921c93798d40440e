// Who referred the friend behind a commercetools order: the clues the order carries (referral code and
// attribution id fields, discount codes) and the friend's own earlier referrals, resolved to one advocate.
// The funnel correlation and the fraud check both ask this, so they always name the same advocate.
import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { discountCodesOf } from '../commercetools/order-access.js';
import { hashEmail } from '../domain/identity.js';
import type { ReferralParty } from '../domain/self-referral.js';
import { nonEmptyText } from '../domain/text.js';
import { findPerson } from '../store/identity-links.js';
import type { FlowDeps } from './deps.js';
import { type ClueKind, resolveAdvocate } from './resolve-advocate.js';

export interface OrderReferral {
  advocate: ReferralParty;
  matchedBy: ClueKind[];
  referralCode?: string | undefined;
  attributionId?: string | undefined;
  couponCodes: string[];
  /** The friend in the identity graph, when known. */
  friendPersonId?: string | undefined;
  friendEmailHash?: string | undefined;
}

/** The order's advocate and the clues that named them; undefined when the order names no known advocate. */
export async function findOrderReferral(
  deps: Pick<FlowDeps, 'db' | 'commercetools' | 'config'>,
  order: Order,
): Promise<OrderReferral | undefined> {
  const fields = order.custom?.fields ?? {};
  const friendEmailHash = order.customerEmail
    ? hashEmail(order.customerEmail, deps.config.hashKey, deps.config.emailRules)
    : undefined;
  const friendPersonId = await findPerson(deps.db, [
    ...(order.customerId ? [{ kind: 'customerId' as const, value: order.customerId }] : []),
    ...(friendEmailHash ? [{ kind: 'email' as const, value: friendEmailHash }] : []),
  ]);
  const couponCodes = await discountCodesOf(deps.commercetools, order);
  const clues = {
    referralCode: nonEmptyText(fields[ORDER_FIELDS.referralCode]),
    attributionId: nonEmptyText(fields[ORDER_FIELDS.attributionId]),
    couponCodes,
    friendPersonId,
  };
  const resolved = await resolveAdvocate(deps.db, clues);
  if (!resolved) return undefined;
  return { ...resolved, ...clues, friendEmailHash };
}
