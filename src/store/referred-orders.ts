// Finds the friend's order behind an advocate reward. Friendbuy's advocateReward names the friend (the customer
// id we reported, and their email) but not the order (friendbuy-api.md §3.2), so we look in the order facts.
import type { Queryable } from './db.js';

export interface ReferredOrder {
  orderId: string;
  storeKey: string | null;
}

// Order streams are `order:<commercetools order id>` (flows/deps.ts); substr is 1-based.
const ORDER_ID = `substr(stream, ${'order:'.length + 1})`;

/**
 * The friend's latest order: the one reported to Friendbuy under their customer id, else the latest order placed
 * with their (hashed) email.
 */
export async function findReferredOrder(
  q: Queryable,
  friend: { friendbuyCustomerId?: string | undefined; emailHash?: string | undefined },
): Promise<ReferredOrder | undefined> {
  if (friend.friendbuyCustomerId) {
    const reported = await q.query<ReferredOrder>(
      `SELECT ${ORDER_ID} AS "orderId",
         (SELECT created.data ->> 'storeKey' FROM ledger created
          WHERE created.stream = reported.stream AND created.type = 'order.created' LIMIT 1) AS "storeKey"
       FROM ledger reported WHERE type = 'purchase.reported' AND data ->> 'customerId' = $1
       ORDER BY occurred_at DESC LIMIT 1`,
      [friend.friendbuyCustomerId],
    );
    if (reported.rows[0]) return reported.rows[0];
  }
  if (!friend.emailHash) return undefined;
  const placed = await q.query<ReferredOrder>(
    `SELECT ${ORDER_ID} AS "orderId", data ->> 'storeKey' AS "storeKey"
     FROM ledger WHERE type = 'order.created' AND data ->> 'emailHash' = $1
     ORDER BY occurred_at DESC LIMIT 1`,
    [friend.emailHash],
  );
  return placed.rows[0];
}
