// Who has ordered (migration 004): one row per order, kept by the message processor, so the cart extension asks
// "is this an existing customer?" of an index. Rows are upserted from OrderCreated and OrderStateChanged in
// whatever order the messages arrive (commercetools delivers them unordered).
import type { Queryable } from './db.js';

export async function recordCustomerOrder(
  q: Queryable,
  order: {
    orderId: string;
    customerId?: string | undefined;
    emailHash?: string | undefined;
    createdAt?: Date;
  },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO customer_orders (order_id, customer_id, email_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, email_hash = EXCLUDED.email_hash,
       created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
    [order.orderId, order.customerId ?? null, order.emailHash ?? null, order.createdAt ?? null, now],
  );
}

/** An order entering or leaving `Cancelled`; a cancelled order does not make its buyer an existing customer. */
export async function recordOrderCancelled(
  q: Queryable,
  orderId: string,
  cancelled: boolean,
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO customer_orders (order_id, cancelled, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET cancelled = EXCLUDED.cancelled, updated_at = EXCLUDED.updated_at`,
    [orderId, cancelled, now],
  );
}

/** Whether this customer id or email hash has an order that was not cancelled. */
export async function hasOrdered(
  q: Queryable,
  who: { customerId?: string | undefined; emailHash?: string | undefined },
): Promise<boolean> {
  if (!who.customerId && !who.emailHash) return false;
  // Two index probes rather than one OR, so each partial index is used.
  const result = await q.query(
    `SELECT 1 FROM customer_orders WHERE customer_id = $1 AND NOT cancelled
     UNION ALL SELECT 1 FROM customer_orders WHERE email_hash = $2 AND NOT cancelled LIMIT 1`,
    [who.customerId ?? null, who.emailHash ?? null],
    // The cart extension asks this for each new friend redeeming a code.
    { preparedAs: 'has_ordered' },
  );
  return result.rowCount > 0;
}

/** The customer's orders (not cancelled) by customer id or email hash, newest first, at most `limit`. */
export async function listCustomerOrders(
  q: Queryable,
  who: { customerId?: string | undefined; emailHash?: string | undefined },
  limit: number,
): Promise<{ orderId: string; createdAt: Date | null }[]> {
  if (!who.customerId && !who.emailHash) return [];
  const result = await q.query<{ orderId: string; createdAt: Date | null }>(
    `SELECT order_id AS "orderId", created_at AS "createdAt" FROM (
       SELECT order_id, created_at FROM customer_orders WHERE customer_id = $1 AND NOT cancelled
       UNION SELECT order_id, created_at FROM customer_orders WHERE email_hash = $2 AND NOT cancelled
     ) orders ORDER BY created_at DESC NULLS LAST, order_id LIMIT $3`,
    [who.customerId ?? null, who.emailHash ?? null, limit],
  );
  return result.rows;
}
