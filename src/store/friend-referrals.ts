// What each friend was referred with, from every source that sees it (Friendbuy emailCapture, carts, orders,
// the storefront): attribution id, referral code, incentive coupon and the advocate behind them. One row per
// source and natural key; a later sighting fills in what an earlier one lacked.
import { normaliseCode } from '../domain/identity.js';
import type { Queryable } from './db.js';

export interface FriendReferral {
  /** e.g. `emailCapture`, `cart`, `order`, `storefront`. */
  source: string;
  /** Unique within the source: the webhook eventId, the cart or order id… */
  sourceKey: string;
  /** The friend, from store/identity-links.ts. */
  personId?: string | null | undefined;
  attributionId?: string | null | undefined;
  referralCode?: string | null | undefined;
  couponCode?: string | null | undefined;
  campaignId?: string | null | undefined;
  advocateCustomerId?: string | null | undefined;
  advocateEmailHash?: string | null | undefined;
}

export interface StoredFriendReferral {
  source: string;
  sourceKey: string;
  personId: string | null;
  attributionId: string | null;
  referralCode: string | null;
  couponCode: string | null;
  campaignId: string | null;
  advocateCustomerId: string | null;
  advocateEmailHash: string | null;
  recordedAt: Date;
}

const COLUMNS = `source, source_key AS "sourceKey", person_id AS "personId", attribution_id AS "attributionId",
  referral_code AS "referralCode", coupon_code AS "couponCode", campaign_id AS "campaignId",
  advocate_customer_id AS "advocateCustomerId", advocate_email_hash AS "advocateEmailHash",
  recorded_at AS "recordedAt"`;

export async function rememberFriendReferral(
  q: Queryable,
  referral: FriendReferral,
  now: Date,
): Promise<void> {
  const code = (value: string | null | undefined) => (value ? normaliseCode(value) : null);
  await q.query(
    `INSERT INTO friend_referrals (source, source_key, person_id, attribution_id, referral_code, coupon_code,
       campaign_id, advocate_customer_id, advocate_email_hash, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (source, source_key) DO UPDATE SET
       person_id = COALESCE(EXCLUDED.person_id, friend_referrals.person_id),
       attribution_id = COALESCE(EXCLUDED.attribution_id, friend_referrals.attribution_id),
       referral_code = COALESCE(EXCLUDED.referral_code, friend_referrals.referral_code),
       coupon_code = COALESCE(EXCLUDED.coupon_code, friend_referrals.coupon_code),
       campaign_id = COALESCE(EXCLUDED.campaign_id, friend_referrals.campaign_id),
       advocate_customer_id = COALESCE(EXCLUDED.advocate_customer_id, friend_referrals.advocate_customer_id),
       advocate_email_hash = COALESCE(EXCLUDED.advocate_email_hash, friend_referrals.advocate_email_hash),
       recorded_at = EXCLUDED.recorded_at`,
    [
      referral.source,
      referral.sourceKey,
      referral.personId ?? null,
      referral.attributionId || null,
      code(referral.referralCode),
      code(referral.couponCode),
      referral.campaignId || null,
      referral.advocateCustomerId || null,
      referral.advocateEmailHash || null,
      now,
    ],
  );
}

/** The latest referral that names an advocate (or a code that does) for this attribution id. */
export async function referralByAttribution(
  q: Queryable,
  attributionId: string,
): Promise<StoredFriendReferral | undefined> {
  const result = await q.query<StoredFriendReferral>(
    `SELECT ${COLUMNS} FROM friend_referrals
     WHERE attribution_id = $1
       AND (advocate_customer_id IS NOT NULL OR advocate_email_hash IS NOT NULL OR referral_code IS NOT NULL)
     ORDER BY recorded_at DESC LIMIT 1`,
    [attributionId],
  );
  return result.rows[0];
}

/** The latest referral that distributed this incentive coupon. */
export async function referralByCoupon(
  q: Queryable,
  couponCode: string,
): Promise<StoredFriendReferral | undefined> {
  const result = await q.query<StoredFriendReferral>(
    `SELECT ${COLUMNS} FROM friend_referrals WHERE coupon_code = $1 ORDER BY recorded_at DESC LIMIT 1`,
    [normaliseCode(couponCode)],
  );
  return result.rows[0];
}

/** A friend's referrals, newest first. */
export async function referralsOfPerson(q: Queryable, personId: string): Promise<StoredFriendReferral[]> {
  const result = await q.query<StoredFriendReferral>(
    `SELECT ${COLUMNS} FROM friend_referrals WHERE person_id = $1 ORDER BY recorded_at DESC, id DESC`,
    [personId],
  );
  return result.rows;
}
