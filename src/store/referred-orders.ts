// Finds the friend's order behind an advocate reward. Friendbuy's advocateReward names the friend (the customer
// id we reported, and their email) but not the order (friendbuy-api.md §3.2), so we look in the order facts.
import type { Queryable } from './db.js';

export interface ReferredOrder {
  orderId: string;
  storeKey: string | null;
}

// Order streams are `order:<commercetools order id>` (flows/deps.ts); the store is not personal, so not sealed.
const STORE_KEY = `(SELECT data ->> 'storeKey' FROM ledger
  WHERE stream = 'order:' || o.order_id AND type = 'order.created' LIMIT 1)`;

/**
 * The friend's latest order: the latest reported to Friendbuy of their customer's orders, else the latest order
 * placed with their (hashed) email. Read through the order projection, since the ledger holds the friend's
 * identifiers sealed (store/sealed-fields.ts).
 */
export async function findReferredOrder(
  q: Queryable,
  friend: { friendbuyCustomerId?: string | undefined; emailHash?: string | undefined },
): Promise<ReferredOrder | undefined> {
  if (friend.friendbuyCustomerId) {
    const reported = await q.query<ReferredOrder>(
      `SELECT o.order_id AS "orderId", ${STORE_KEY} AS "storeKey" FROM customer_orders o
       WHERE o.customer_id = $1
         AND EXISTS (SELECT 1 FROM ledger WHERE stream = 'order:' || o.order_id AND type = 'purchase.reported')
       ORDER BY o.created_at DESC NULLS LAST LIMIT 1`,
      [friend.friendbuyCustomerId],
    );
    if (reported.rows[0]) return reported.rows[0];
  }
  if (!friend.emailHash) return undefined;
  const placed = await q.query<ReferredOrder>(
    `SELECT o.order_id AS "orderId", ${STORE_KEY} AS "storeKey" FROM customer_orders o
     WHERE o.email_hash = $1 ORDER BY o.created_at DESC NULLS LAST LIMIT 1`,
    [friend.emailHash],
  );
  return placed.rows[0];
}
