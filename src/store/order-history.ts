// What the ledger says about a shopper's earlier orders, for the "new customer" judgement.
import type { Queryable } from './db.js';

/**
 * Whether another order by the same email (its keyed hash) was created before `before` and not cancelled, as
 * the order streams' facts record it.
 */
export async function hasEarlierOrderByEmail(
  q: Queryable,
  order: { emailHash: string; stream: string; before: Date },
): Promise<boolean> {
  const earlier = await q.query(
    `SELECT 1 FROM ledger created
     WHERE created.type = 'order.created' AND created.data ->> 'emailHash' = $1 AND created.stream <> $2
       AND created.occurred_at < $3
       AND NOT EXISTS (SELECT 1 FROM ledger cancelled WHERE cancelled.stream = created.stream
         AND cancelled.type = 'order.state-changed' AND cancelled.data ->> 'orderState' = 'Cancelled')
     LIMIT 1`,
    [order.emailHash, order.stream, order.before],
  );
  return earlier.rowCount > 0;
}
