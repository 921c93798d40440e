// The rewards table: one row per Friendbuy reward, to find a customer's or an order's rewards. The ledger
// stream `reward:<rewardId>` is the truth; the row is written in the same transaction as the stream's events.
import type { RewardKind } from '../domain/reward-summary.js';
import type { Queryable } from './db.js';

export interface RewardRow {
  rewardId: string;
  kind: RewardKind;
  customerId: string | null;
  emailHash: string | null;
  campaignId: string | null;
  couponCode: string | null;
  amount: string | null;
  unit: string | null;
  orderId: string | null;
  redeemedOrderId: string | null;
  state: string;
  inboxId: number | null;
  issuedAt: Date;
  updatedAt: Date;
}

const COLUMNS = `reward_id AS "rewardId", kind, customer_id AS "customerId", email_hash AS "emailHash",
  campaign_id AS "campaignId", coupon_code AS "couponCode", amount, unit, order_id AS "orderId",
  redeemed_order_id AS "redeemedOrderId", state, inbox_id::int AS "inboxId", issued_at AS "issuedAt",
  updated_at AS "updatedAt"`;

export type NewReward = Omit<RewardRow, 'redeemedOrderId' | 'updatedAt'>;

/** Inserts the reward's row; returns false when it already exists (a re-run of the same webhook). */
export async function insertReward(q: Queryable, reward: NewReward): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO rewards (reward_id, kind, customer_id, email_hash, campaign_id, coupon_code, amount, unit,
       order_id, state, inbox_id, issued_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) ON CONFLICT (reward_id) DO NOTHING
     RETURNING reward_id`,
    [
      reward.rewardId,
      reward.kind,
      reward.customerId,
      reward.emailHash,
      reward.campaignId,
      reward.couponCode,
      reward.amount,
      reward.unit,
      reward.orderId,
      reward.state,
      reward.inboxId,
      reward.issuedAt,
    ],
  );
  return result.rowCount > 0;
}

/** Records the state the stream folded to, and the order that redeemed the reward when the event names one. */
export async function updateRewardState(
  q: Queryable,
  rewardId: string,
  change: { state: string; redeemedOrderId?: string | undefined; at: Date },
): Promise<RewardRow | undefined> {
  const result = await q.query<RewardRow>(
    `UPDATE rewards SET state = $2, redeemed_order_id = COALESCE($3, redeemed_order_id), updated_at = $4
     WHERE reward_id = $1 RETURNING ${COLUMNS}`,
    [rewardId, change.state, change.redeemedOrderId ?? null, change.at],
  );
  return result.rows[0];
}

export async function findReward(q: Queryable, rewardId: string): Promise<RewardRow | undefined> {
  const result = await q.query<RewardRow>(`SELECT ${COLUMNS} FROM rewards WHERE reward_id = $1`, [rewardId]);
  return result.rows[0];
}

/** A customer's rewards (as recipient), oldest first. */
export async function listCustomerRewards(q: Queryable, customerId: string): Promise<RewardRow[]> {
  const result = await q.query<RewardRow>(
    `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 ORDER BY issued_at, reward_id`,
    [customerId],
  );
  return result.rows;
}

/** Rewards an order earned (the advocate's, for the friend's order) or redeemed, oldest first. */
export async function listOrderRewards(q: Queryable, orderId: string): Promise<RewardRow[]> {
  const result = await q.query<RewardRow>(
    `SELECT ${COLUMNS} FROM rewards WHERE order_id = $1 OR redeemed_order_id = $1 ORDER BY issued_at, reward_id`,
    [orderId],
  );
  return result.rows;
}

/**
 * The advocate rewards a person received (by customer id or email hash) since `since` (all when null), newest
 * first, at most `limit`: two bounded range scans on the (recipient, issued_at) indexes, so a prolific
 * advocate's older rewards are never read.
 */
export async function listAdvocateRewards(
  q: Queryable,
  who: { customerId?: string | null | undefined; emailHash?: string | null | undefined },
  since: Date | null = null,
  limit = 500,
): Promise<RewardRow[]> {
  if (!who.customerId && !who.emailHash) return [];
  // Two statements rather than `$3 IS NULL OR …`, which a generic plan could not turn into an index range.
  const bound = since ? 'AND issued_at > $4' : '';
  const branch = (column: string, param: string) =>
    `(SELECT ${COLUMNS} FROM rewards WHERE kind = 'advocateReward' AND ${column} = ${param} ${bound}
      ORDER BY issued_at DESC LIMIT $3)`;
  const result = await q.query<RewardRow>(
    `SELECT * FROM (${branch('customer_id', '$1')} UNION ${branch('email_hash', '$2')}) advocate_rewards
     ORDER BY "issuedAt" DESC LIMIT $3`,
    [who.customerId ?? null, who.emailHash ?? null, limit, ...(since ? [since] : [])],
  );
  return result.rows;
}

/** A person's rewards of either kind, by customer id or email hash, newest first (at most `limit`). */
export async function listPersonRewards(
  q: Queryable,
  who: { customerId: string | null; emailHash: string | null },
  limit: number,
): Promise<RewardRow[]> {
  const result = await q.query<RewardRow>(
    `SELECT ${COLUMNS} FROM rewards WHERE customer_id = $1 OR email_hash = $2 ORDER BY issued_at DESC LIMIT $3`,
    [who.customerId, who.emailHash, limit],
  );
  return result.rows;
}
