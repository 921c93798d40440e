// The order_eligibility table (migration 007): each referred order's latest eligibility decision, written in
// the same transaction as its `eligibility.decided` ledger event.
import type { Queryable } from './db.js';

export interface OrderEligibilityRow {
  orderId: string;
  campaignId: string;
  status: 'eligible' | 'pending' | 'ineligible';
  reasons: { code: string; message: string }[];
  until: Date | null;
  decidedAt: Date;
}

export async function saveOrderEligibility(q: Queryable, row: OrderEligibilityRow): Promise<void> {
  await q.query(
    `INSERT INTO order_eligibility (order_id, campaign_id, status, reasons, until, decided_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET campaign_id = $2, status = $3, reasons = $4::jsonb, until = $5,
       decided_at = $6`,
    [row.orderId, row.campaignId, row.status, JSON.stringify(row.reasons), row.until, row.decidedAt],
  );
}

export async function findOrderEligibility(
  q: Queryable,
  orderId: string,
): Promise<OrderEligibilityRow | undefined> {
  const result = await q.query<OrderEligibilityRow>(
    `SELECT order_id AS "orderId", campaign_id AS "campaignId", status, reasons, until, decided_at AS "decidedAt"
     FROM order_eligibility WHERE order_id = $1`,
    [orderId],
  );
  return result.rows[0];
}
