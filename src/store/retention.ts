// Queries of the retention jobs (flows/privacy/minimise.ts): orders past the fraud window, walked in placement
// order from a cursor, and recorded deliveries past the inbox retention.
import type { Queryable } from './db.js';

export interface OrderCursor {
  createdAt: string;
  orderId: string;
}

/** Orders placed before `before`, after the cursor, oldest first. */
export async function ordersPlacedBefore(
  q: Queryable,
  before: Date,
  after: OrderCursor | undefined,
  limit: number,
): Promise<Array<{ orderId: string; createdAt: Date }>> {
  const result = await q.query<{ orderId: string; createdAt: Date }>(
    `SELECT order_id AS "orderId", created_at AS "createdAt" FROM customer_orders
     WHERE created_at < $1 AND ($2::timestamptz IS NULL OR (created_at, order_id) > ($2::timestamptz, $3::text))
     ORDER BY created_at, order_id LIMIT $4`,
    [before, after?.createdAt ?? null, after?.orderId ?? '', limit],
  );
  return result.rows;
}

/** Replaces the raw IP and user agent inside an order's recorded deliveries by the given hashes. */
export async function replaceDeliveredShopperIdentifiers(
  q: Queryable,
  orderId: string,
  fields: Record<string, string>,
): Promise<void> {
  for (const [field, value] of Object.entries(fields)) {
    await q.query(
      `UPDATE inbox SET payload = jsonb_set(payload, ARRAY['order', 'custom', 'fields', $2::text], to_jsonb($3::text))
       WHERE resource_id = $1 AND payload #> ARRAY['order', 'custom', 'fields', $2::text] IS NOT NULL`,
      [orderId, field, value],
    );
  }
}

/** Blanks the payloads of deliveries received before `before` (the row and its dedup key stay). */
export async function purgeDeliveriesBefore(q: Queryable, before: Date, limit: number): Promise<number> {
  const result = await q.query(
    `UPDATE inbox SET payload = jsonb_build_object('purged', true) WHERE id IN (
       SELECT id FROM inbox WHERE received_at < $1 AND NOT payload ? 'purged' AND NOT payload ? 'erased'
       ORDER BY received_at, id LIMIT $2)`,
    [before, limit],
  );
  return result.rowCount;
}
