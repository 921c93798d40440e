// The referrals table (migration 008): each assessed referred order with the keys later fraud checks look up.
// Every lookup is one index range scan bounded by time and capped in rows, so its cost does not grow with the
// history (bench/fraud.ts measures it over a million rows).
import type { Queryable } from './db.js';

export interface ReferralRow {
  orderId: string;
  campaignId: string;
  advocateKey: string;
  advocateCustomerId: string | null;
  advocateEmailHash: string | null;
  friendAccount: string;
  code: string | null;
  ipHash: string | null;
  deviceHash: string | null;
  addressHash: string | null;
  verdict: 'approve' | 'hold' | 'reject';
  score: number;
  placedAt: Date;
  assessedAt: Date;
}

const COLUMNS = `order_id AS "orderId", campaign_id AS "campaignId", advocate_key AS "advocateKey",
  advocate_customer_id AS "advocateCustomerId", advocate_email_hash AS "advocateEmailHash",
  friend_account AS "friendAccount", code, ip_hash AS "ipHash", device_hash AS "deviceHash",
  address_hash AS "addressHash", verdict, score, placed_at AS "placedAt", assessed_at AS "assessedAt"`;

/** The advocate's lookup key: their customer id when known (stable), else their email hash. */
export function advocateKeyOf(advocate: {
  customerId?: string | undefined;
  emailHash?: string | undefined;
}): string | undefined {
  if (advocate.customerId) return `customer:${advocate.customerId}`;
  if (advocate.emailHash) return `email:${advocate.emailHash}`;
  return undefined;
}

/** Records (or, on a later assessment of the same order, updates the verdict of) the order's referral. */
export async function saveReferral(q: Queryable, row: ReferralRow): Promise<void> {
  await q.query(
    `INSERT INTO referrals (order_id, campaign_id, advocate_key, advocate_customer_id, advocate_email_hash,
       friend_account, code, ip_hash, device_hash, address_hash, verdict, score, placed_at, assessed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (order_id) DO UPDATE SET verdict = EXCLUDED.verdict, score = EXCLUDED.score,
       assessed_at = EXCLUDED.assessed_at`,
    [
      row.orderId,
      row.campaignId,
      row.advocateKey,
      row.advocateCustomerId,
      row.advocateEmailHash,
      row.friendAccount,
      row.code,
      row.ipHash,
      row.deviceHash,
      row.addressHash,
      row.verdict,
      row.score,
      row.placedAt,
      row.assessedAt,
    ],
  );
}

export async function findReferral(q: Queryable, orderId: string): Promise<ReferralRow | undefined> {
  const result = await q.query<ReferralRow>(`SELECT ${COLUMNS} FROM referrals WHERE order_id = $1`, [
    orderId,
  ]);
  return result.rows[0];
}
