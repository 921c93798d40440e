// A person's referral story for customer service, read from the indexes the connector keeps: the friends they
// referred (referrals by advocate key), who referred them (referrals by friend account), their rewards and the
// codes issued to them with their redemptions. Each read is bounded; the story shows the latest.
import type { Queryable } from './db.js';

export interface PersonIds {
  customerId: string | null;
  emailHash: string | null;
}

/** The other identifier of the person: the customer id behind an email hash, or the reverse. */
export async function personIds(q: Queryable, known: PersonIds): Promise<PersonIds> {
  const result = await q.query<{ kind: string; value: string }>(
    `SELECT wanted.kind, wanted.value FROM identity_links known
     JOIN identity_links wanted ON wanted.person_id = known.person_id AND wanted.kind IN ('customerId', 'email')
     WHERE (known.kind = 'customerId' AND known.value = $1) OR (known.kind = 'email' AND known.value = $2)
     ORDER BY wanted.first_seen_at`,
    [known.customerId, known.emailHash],
  );
  const first = (kind: string) => result.rows.find((row) => row.kind === kind)?.value ?? null;
  return {
    customerId: known.customerId ?? first('customerId'),
    emailHash: known.emailHash ?? first('email'),
  };
}

export interface ReferredFriend {
  orderId: string;
  orderNumber: string | null;
  friendAccount: string;
  campaignId: string;
  verdict: string;
  placedAt: Date;
  eligibility: string | null;
  rewardState: string | null;
}

export async function referredFriends(
  q: Queryable,
  advocateKeys: readonly string[],
  limit: number,
): Promise<ReferredFriend[]> {
  const result = await q.query<ReferredFriend>(
    `SELECT r.order_id AS "orderId", r.friend_account AS "friendAccount", r.campaign_id AS "campaignId",
       r.verdict, r.placed_at AS "placedAt",
       (SELECT data ->> 'orderNumber' FROM ledger WHERE stream = 'order:' || r.order_id AND type = 'order.created'
         LIMIT 1) AS "orderNumber",
       (SELECT status FROM order_eligibility e WHERE e.order_id = r.order_id) AS eligibility,
       (SELECT state FROM rewards w WHERE w.order_id = r.order_id AND w.kind = 'advocateReward'
         ORDER BY issued_at DESC LIMIT 1) AS "rewardState"
     FROM referrals r WHERE r.advocate_key = ANY($1::text[]) ORDER BY r.placed_at DESC LIMIT $2`,
    [[...advocateKeys], limit],
  );
  return result.rows;
}

/** The advocate behind the person's latest referred order, if they ever ordered as a referred friend. */
export async function referrerOf(q: Queryable, friendAccounts: readonly string[]): Promise<string | null> {
  const result = await q.query<{ advocateKey: string }>(
    `SELECT advocate_key AS "advocateKey" FROM referrals WHERE friend_account = ANY($1::text[])
     ORDER BY placed_at DESC LIMIT 1`,
    [[...friendAccounts]],
  );
  return result.rows[0]?.advocateKey ?? null;
}

export interface PersonReferralCode {
  code: string;
  campaignId: string | null;
  createdAt: Date;
  redeemed: number;
  lastRedeemedAt: Date | null;
}

export async function referralCodesOf(q: Queryable, ids: PersonIds): Promise<PersonReferralCode[]> {
  const result = await q.query<PersonReferralCode>(
    `SELECT k.code, k.campaign_id AS "campaignId", k.created_at AS "createdAt",
       (SELECT count(*)::int FROM code_redemptions c WHERE c.code = k.code AND c.cancelled_at IS NULL) AS redeemed,
       (SELECT max(redeemed_at) FROM code_redemptions c WHERE c.code = k.code AND c.cancelled_at IS NULL)
         AS "lastRedeemedAt"
     FROM referral_codes k WHERE k.advocate_customer_id = $1 OR k.advocate_email_hash = $2
     ORDER BY k.created_at LIMIT 20`,
    [ids.customerId, ids.emailHash],
  );
  return result.rows;
}

export interface RewardCode {
  code: string;
  commercetoolsCode: string;
  rewardId: string;
  status: string;
  createdAt: Date;
  redeemedAt: Date | null;
  redeemedOrderId: string | null;
}

/** The codes made for these rewards (a reissued reward has several), with the order that used each. */
export async function rewardCodes(q: Queryable, rewardIds: readonly string[]): Promise<RewardCode[]> {
  if (rewardIds.length === 0) return [];
  const result = await q.query<RewardCode>(
    `SELECT c.code, c.commercetools_code AS "commercetoolsCode", c.reward_id AS "rewardId", c.status,
       c.created_at AS "createdAt", u.redeemed_at AS "redeemedAt", u.order_id AS "redeemedOrderId"
     FROM codes c LEFT JOIN LATERAL (SELECT redeemed_at, order_id FROM code_redemptions r
       WHERE r.code = c.code AND r.cancelled_at IS NULL ORDER BY redeemed_at DESC LIMIT 1) u ON true
     WHERE c.reward_id = ANY($1::text[]) ORDER BY c.created_at`,
    [[...rewardIds]],
  );
  return result.rows;
}
