// Orders that used a connector-owned code (migration 006). commercetools counts applications at order creation
// and never gives one back, so a cancelled order's redemption stays counted and is only marked cancelled.
import type { Money } from '../domain/money.js';
import type { Queryable } from './db.js';

export interface Redemption {
  code: string;
  orderId: string;
  orderNumber: string | null;
  rewardId: string | null;
  amount: Money | null;
  storeKey: string | null;
  redeemedAt: Date;
  cancelledAt: Date | null;
}

const COLUMNS = `code, order_id AS "orderId", order_number AS "orderNumber", reward_id AS "rewardId", amount,
  store_key AS "storeKey", redeemed_at AS "redeemedAt", cancelled_at AS "cancelledAt"`;

/** Records a redemption once per code and order; false when it was already recorded. */
export async function recordRedemption(
  q: Queryable,
  redemption: Omit<Redemption, 'cancelledAt'>,
): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO code_redemptions (code, order_id, order_number, reward_id, amount, store_key, redeemed_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT DO NOTHING RETURNING code`,
    [
      redemption.code,
      redemption.orderId,
      redemption.orderNumber,
      redemption.rewardId,
      redemption.amount ? JSON.stringify(redemption.amount) : null,
      redemption.storeKey,
      redemption.redeemedAt,
    ],
  );
  return result.rowCount > 0;
}

export async function redemptionsOfOrder(q: Queryable, orderId: string): Promise<Redemption[]> {
  const result = await q.query<Redemption>(
    `SELECT ${COLUMNS} FROM code_redemptions WHERE order_id = $1 ORDER BY code`,
    [orderId],
  );
  return result.rows;
}

export async function markRedemptionCancelled(
  q: Queryable,
  redemption: Pick<Redemption, 'code' | 'orderId'>,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE code_redemptions SET cancelled_at = $3 WHERE code = $1 AND order_id = $2 AND cancelled_at IS NULL`,
    [redemption.code, redemption.orderId, at],
  );
}

/** Orders per code, cancelled ones included: they still used up a commercetools application. */
export async function redemptionCounts(q: Queryable, codes: readonly string[]): Promise<Map<string, number>> {
  const result = await q.query<{ code: string; count: number }>(
    `SELECT code, count(*)::int AS count FROM code_redemptions WHERE code = ANY($1::text[]) GROUP BY code`,
    [[...codes]],
  );
  return new Map(result.rows.map((row) => [row.code, row.count]));
}
