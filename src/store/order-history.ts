// What the order streams of the ledger say about an order's history: its shopper's earlier orders (the "new
// customer" judgement), whether its purchase report is settled, which order Friendbuy knows it as.
import type { Queryable } from './db.js';
import { REPORT_SKIPPED } from './report-skips.js';

/**
 * Whether another order by the same email (its keyed hash) was created before `before` and not cancelled. Read
 * from the order projection, written with each order fact: the ledger holds the email hash sealed.
 */
export async function hasEarlierOrderByEmail(
  q: Queryable,
  order: { emailHash: string; stream: string; before: Date },
): Promise<boolean> {
  const earlier = await q.query(
    `SELECT 1 FROM customer_orders
     WHERE email_hash = $1 AND order_id <> $2 AND NOT cancelled AND created_at < $3 LIMIT 1`,
    [order.emailHash, order.stream.slice('order:'.length), order.before],
  );
  return earlier.rowCount > 0;
}

/**
 * The facts that settle an order's purchase for its status events: reported, held for its return window, or
 * not sent at all (a `report.skipped` fact for the purchase).
 */
const PURCHASE_SETTLED_FACTS = ['purchase.reported', 'purchase.held'];

export async function isPurchaseSettled(q: Queryable, stream: string): Promise<boolean> {
  const result = await q.query(
    `SELECT 1 FROM ledger WHERE stream = $1
       AND (type = ANY($2::text[]) OR (type = $3 AND data ->> 'report' = 'purchase')) LIMIT 1`,
    [stream, PURCHASE_SETTLED_FACTS, REPORT_SKIPPED],
  );
  return result.rowCount > 0;
}

/** Friendbuy knows orders by the id we reported: the order number, else the commercetools id. */
export async function findOrderReportedAs(
  q: Queryable,
  friendbuyOrderId: string,
): Promise<string | undefined> {
  const result = await q.query<{ orderId: string }>(
    `SELECT substr(stream, length('order:') + 1) AS "orderId" FROM ledger
     WHERE type = 'order.created' AND (stream = $1 OR data ->> 'orderNumber' = $2) LIMIT 1`,
    [`order:${friendbuyOrderId}`, friendbuyOrderId],
  );
  return result.rows[0]?.orderId;
}
