// Self-referral: the friend on a cart is the advocate behind the referral it carries. Compared by commercetools
// customer id and by keyed hash of the normalised email, so `Jane.Doe+x@googlemail.com` is `janedoe@gmail.com`.

/** Who someone is, as far as the comparison needs: ids and hashes only, never a raw email. */
export interface ReferralParty {
  customerId?: string | undefined;
  /** `hashEmail(email, key, rules)` from domain/identity.ts. */
  emailHash?: string | undefined;
}

/** Where the cart names an advocate: the referral code field, the attribution id field, or a discount code. */
export type AdvocateSource = 'referralCode' | 'attributionId' | 'discountCode';

/** One advocate the cart points to, and through what. */
export interface AdvocateClaim {
  via: AdvocateSource;
  /** The code or attribution id as found on the cart. */
  value: string;
  advocate: ReferralParty;
}

export interface SelfReferralEvidence {
  signal: 'same-customer-id' | 'same-email';
  via: AdvocateSource;
  value: string;
}

/**
 * Every way in which the friend is the advocate of one of the claims; empty when it is not a self-referral.
 * @example
 * evaluateSelfReferral({ emailHash: h }, [{ via: 'referralCode', value: 'jane10', advocate: { emailHash: h } }])
 * // [{ signal: 'same-email', via: 'referralCode', value: 'jane10' }]
 */
export function evaluateSelfReferral(
  friend: ReferralParty,
  claims: readonly AdvocateClaim[],
): SelfReferralEvidence[] {
  const evidence: SelfReferralEvidence[] = [];
  for (const { via, value, advocate } of claims) {
    if (same(friend.customerId, advocate.customerId))
      evidence.push({ signal: 'same-customer-id', via, value });
    if (same(friend.emailHash, advocate.emailHash)) evidence.push({ signal: 'same-email', via, value });
  }
  return evidence;
}

// Two unknowns are not a match: a guest cart and an advocate known only by email share no customer id.
function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && a !== '' && a === b;
}
