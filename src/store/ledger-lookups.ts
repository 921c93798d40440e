// Reads across ledger streams that the admin views and Friendbuy's callbacks need: several streams as one
// timeline, and the order stream a Friendbuy purchase id points to.
import type { Queryable } from './db.js';
import type { LedgerEvent } from './ledger.js';
import { openPersonalFields } from './sealed-fields.js';

export type StreamEvent = Pick<LedgerEvent, 'stream' | 'type' | 'data' | 'occurredAt'>;

/** The events of every stream given, merged in the order they happened. */
export async function readStreams(q: Queryable, streams: readonly string[]): Promise<StreamEvent[]> {
  const result = await q.query<StreamEvent>(
    `SELECT stream, type, data, occurred_at AS "occurredAt" FROM ledger
     WHERE stream = ANY($1::text[]) ORDER BY occurred_at, id`,
    [[...streams]],
  );
  return openPersonalFields(q, result.rows);
}

/**
 * The order stream behind a Friendbuy purchase id, which is what the purchase report sent (the order number,
 * else the order id): a reported or held purchase with that id, else the order stream `byIdStream` (the id is
 * the order's), else an order created with that number. The earliest match wins.
 */
export async function findPurchaseOrderStream(
  q: Queryable,
  purchaseId: string,
  byIdStream: string,
): Promise<string | undefined> {
  // Three index probes (purchase id, order stream, order number) rather than one OR that scans the ledger.
  const found = await q.query<{ stream: string }>(
    `(SELECT stream, id FROM ledger WHERE type IN ('purchase.reported', 'purchase.held')
        AND data ->> 'friendbuyOrderId' = $1 ORDER BY id LIMIT 1)
     UNION ALL (SELECT stream, id FROM ledger WHERE stream = $2 AND type = 'order.created' LIMIT 1)
     UNION ALL (SELECT stream, id FROM ledger WHERE type = 'order.created' AND data ->> 'orderNumber' = $1
        ORDER BY id LIMIT 1)
     ORDER BY id LIMIT 1`,
    [purchaseId, byIdStream],
  );
  return found.rows[0]?.stream;
}
