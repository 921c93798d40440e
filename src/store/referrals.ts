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

/** At most this many rows per lookup: enough to judge any threshold a policy sets, bounded in cost. */
export const LOOKUP_LIMIT = 200;

/** When the advocate's other referred orders were placed, within [since, until]. */
export async function advocateReferralTimes(
  q: Queryable,
  query: { advocateKey: string; since: Date; until: Date; excludeOrderId: string },
): Promise<Date[]> {
  const result = await q.query<{ placedAt: Date }>(
    `SELECT placed_at AS "placedAt" FROM referrals
     WHERE advocate_key = $1 AND placed_at BETWEEN $2 AND $3 AND order_id <> $4
     ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}`,
    [query.advocateKey, query.since, query.until, query.excludeOrderId],
  );
  return result.rows.map((row) => new Date(row.placedAt));
}

/** When the code was redeemed from the same IP (hash) by other referred orders, within [since, until]. */
export async function codeRedemptionTimesFromIp(
  q: Queryable,
  query: { code: string; ipHash: string; since: Date; until: Date; excludeOrderId: string },
): Promise<Date[]> {
  const result = await q.query<{ placedAt: Date }>(
    `SELECT placed_at AS "placedAt" FROM referrals
     WHERE code = $1 AND ip_hash = $2 AND placed_at BETWEEN $3 AND $4 AND order_id <> $5
     ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}`,
    [query.code.toLowerCase(), query.ipHash, query.since, query.until, query.excludeOrderId],
  );
  return result.rows.map((row) => new Date(row.placedAt));
}

export type SharedKey = 'device' | 'ip' | 'address';
const SHARED_COLUMN: Readonly<Record<SharedKey, string>> = {
  device: 'device_hash',
  ip: 'ip_hash',
  address: 'address_hash',
};

/** Other friend accounts whose referred orders had this device, IP or address hash within [since, until]. */
export async function accountsSharing(
  q: Queryable,
  query: { by: SharedKey; hash: string; since: Date; until: Date; excludeAccount: string },
): Promise<{ account: string; seenAt: Date }[]> {
  const column = SHARED_COLUMN[query.by];
  const result = await q.query<{ account: string; seenAt: Date }>(
    `SELECT friend_account AS account, max(placed_at) AS "seenAt" FROM (
       SELECT friend_account, placed_at FROM referrals
       WHERE ${column} = $1 AND placed_at BETWEEN $2 AND $3 AND friend_account <> $4
       ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}
     ) recent GROUP BY friend_account`,
    [query.hash, query.since, query.until, query.excludeAccount],
  );
  return result.rows.map((row) => ({ account: row.account, seenAt: new Date(row.seenAt) }));
}
