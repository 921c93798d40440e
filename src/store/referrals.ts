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

export type SharedKey = 'device' | 'ip' | 'address';

export interface ReferralHistoryQuery {
  orderId: string;
  /** The friend account, left out of the accounts sharing its identifiers. */
  account: string;
  /** The moment the windows end (the order's placement). */
  at: Date;
  shared: { devices: readonly string[]; ip?: string | undefined; address?: string | undefined; since: Date };
  advocate: { key: string; since: Date };
  /** The code the order used and the IP it came from, when both are known. */
  codeBurst?: { code: string; ipHash: string; since: Date } | undefined;
  friend: { customerId?: string | undefined; emailHash?: string | undefined };
}

export interface ReferralHistory {
  /** Other friend accounts whose referred orders had one of the friend's device, IP or address hashes. */
  shared: { by: SharedKey; account: string; seenAt: Date }[];
  /** When the advocate's other referred orders were placed. */
  advocateReferralTimes: Date[];
  /** When the code was redeemed from the same IP by other referred orders. */
  codeRedemptionTimesFromIp: Date[];
  /** The friend's orders (not cancelled) placed before this one. */
  earlierOrders: number;
}

/**
 * Everything the fraud check looks up in the referral history, as one statement (one round trip, which is
 * what an embedded store pays most for): each part an index range scan bounded by its window and by
 * LOOKUP_LIMIT rows.
 */
export async function lookUpReferralHistory(
  q: Queryable,
  query: ReferralHistoryQuery,
): Promise<ReferralHistory> {
  const sharing = (by: SharedKey, column: string, match: string) =>
    `SELECT '${by}' AS by, friend_account AS account, max(placed_at) AS "seenAt" FROM (
       SELECT friend_account, placed_at FROM referrals
       WHERE ${column} ${match} AND placed_at BETWEEN $3 AND $2 AND friend_account <> $1
       ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}) recent GROUP BY friend_account`;
  const times = (where: string) =>
    `(SELECT coalesce(json_agg(placed_at), '[]') FROM (SELECT placed_at FROM referrals WHERE ${where}
       AND order_id <> $7 ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}) t)`;
  const result = await q.query<{ history: Record<string, unknown> }>(
    `SELECT json_build_object(
       'shared', (SELECT coalesce(json_agg(s), '[]') FROM (
         ${sharing('device', 'device_hash', '= ANY($4::text[])')}
         UNION ALL ${sharing('ip', 'ip_hash', '= $5')}
         UNION ALL ${sharing('address', 'address_hash', '= $6')}) s),
       'advocateReferralTimes', ${times('advocate_key = $8 AND placed_at BETWEEN $9 AND $2')},
       'codeRedemptionTimesFromIp', ${times('code = $10 AND ip_hash = $11 AND placed_at BETWEEN $12 AND $2')},
       'earlierOrders', (SELECT count(DISTINCT order_id) FROM (
         SELECT order_id, created_at FROM customer_orders WHERE customer_id = $13 AND NOT cancelled
         UNION ALL SELECT order_id, created_at FROM customer_orders WHERE email_hash = $14 AND NOT cancelled
       ) earlier WHERE order_id <> $7 AND (created_at IS NULL OR created_at < $2))
     ) AS history`,
    [
      query.account,
      query.at,
      query.shared.since,
      [...query.shared.devices],
      query.shared.ip ?? null,
      query.shared.address ?? null,
      query.orderId,
      query.advocate.key,
      query.advocate.since,
      query.codeBurst?.code.toLowerCase() ?? null,
      query.codeBurst?.ipHash ?? null,
      query.codeBurst?.since ?? query.at,
      query.friend.customerId ?? null,
      query.friend.emailHash ?? null,
    ],
  );
  const history = result.rows[0]?.history ?? {};
  const dates = (value: unknown) => (Array.isArray(value) ? value.map((v) => new Date(String(v))) : []);
  const shared = (Array.isArray(history.shared) ? history.shared : []) as {
    by: SharedKey;
    account: string;
    seenAt: string;
  }[];
  return {
    shared: shared.map((row) => ({ by: row.by, account: row.account, seenAt: new Date(row.seenAt) })),
    advocateReferralTimes: dates(history.advocateReferralTimes),
    codeRedemptionTimesFromIp: dates(history.codeRedemptionTimesFromIp),
    earlierOrders: Number(history.earlierOrders ?? 0),
  };
}
