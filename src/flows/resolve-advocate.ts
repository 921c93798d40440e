// Who referred a friend, from whatever their order, sign-up or Friendbuy event carries: an explicit advocate,
// a coupon, an attribution id, a referral code, or the friend's own earlier referrals (their email or session).
import type { ReferralParty } from '../domain/self-referral.js';
import type { Queryable } from '../store/db.js';
import { referralByAttribution, referralByCoupon, referralsOfPerson } from '../store/friend-referrals.js';
import { findReferralCode } from '../store/referral-codes.js';

/** What a friend's order, sign-up or Friendbuy event says about who referred them. */
export interface ReferralClues {
  advocate?: ReferralParty | undefined;
  referralCode?: string | null | undefined;
  attributionId?: string | null | undefined;
  /** Discount or incentive codes: a friend incentive's coupon, or an advocate's referral code used as a code. */
  couponCodes?: readonly string[] | undefined;
  /** The friend, whose own referrals (e.g. an emailCapture of their address) may name the advocate. */
  friendPersonId?: string | undefined;
}

export type ClueKind = 'advocate' | 'referralCode' | 'attributionId' | 'couponCode' | 'email';

/**
 * The advocate the clues point to, and every clue that agrees. The first clue that names an advocate wins, in
 * Friendbuy's own precedence: explicit advocate, then coupon → attribution → referral code (§2.4), then the
 * friend's earlier referrals (their email or session).
 */
export async function resolveAdvocate(
  q: Queryable,
  clues: ReferralClues,
): Promise<{ advocate: ReferralParty; matchedBy: ClueKind[] } | undefined> {
  const found: Array<{ by: ClueKind; advocate: ReferralParty | undefined }> = [];
  const ofCode = async (code: string) => party(await findReferralCode(q, code));
  if (clues.advocate) found.push({ by: 'advocate', advocate: clues.advocate });
  for (const code of clues.couponCodes ?? []) {
    const referral = await referralByCoupon(q, code);
    found.push({ by: 'couponCode', advocate: referral ? party(referral) : await ofCode(code) });
  }
  if (clues.attributionId) {
    const referral = await referralByAttribution(q, clues.attributionId);
    const advocate =
      party(referral) ?? (referral?.referralCode ? await ofCode(referral.referralCode) : undefined);
    found.push({ by: 'attributionId', advocate });
  }
  if (clues.referralCode) found.push({ by: 'referralCode', advocate: await ofCode(clues.referralCode) });
  if (clues.friendPersonId) {
    const earlier = (await referralsOfPerson(q, clues.friendPersonId)).map(party).find(Boolean);
    found.push({ by: 'email', advocate: earlier });
  }
  const winner = found.find((clue) => clue.advocate)?.advocate;
  if (!winner) return undefined;
  const agrees = (other: ReferralParty | undefined) =>
    !!other &&
    ((!!winner.customerId && other.customerId === winner.customerId) ||
      (!!winner.emailHash && other.emailHash === winner.emailHash));
  return {
    advocate: winner,
    matchedBy: found.filter((clue) => agrees(clue.advocate)).map((clue) => clue.by),
  };
}

function party(
  row: { advocateCustomerId: string | null; advocateEmailHash: string | null } | undefined,
): ReferralParty | undefined {
  if (!row?.advocateCustomerId && !row?.advocateEmailHash) return undefined;
  return { customerId: row.advocateCustomerId ?? undefined, emailHash: row.advocateEmailHash ?? undefined };
}
