// Customer-service search: one statement tries the text as every identifier it could be (order id or number,
// commercetools customer id, referral code, coupon code, Friendbuy reward id), each an indexed equality
// lookup, and returns what matched. Emails are looked up by their keyed hash (the caller hashes).
import type { Queryable } from './db.js';

export interface SearchHit {
  kind: 'order' | 'customer' | 'email' | 'referral-code' | 'coupon' | 'reward';
  /** The order id, customer id, email hash, code or reward id that matched. */
  id: string;
  orderNumber: string | null;
  customerId: string | null;
  emailHash: string | null;
  orderId: string | null;
  detail: string | null;
}

const PER_KIND = 5;

export async function searchIdentifiers(
  q: Queryable,
  text: string,
  emailHash: string | null,
): Promise<SearchHit[]> {
  const result = await q.query<SearchHit>(
    `(SELECT 'order' AS kind, o.order_id AS id, c.data ->> 'orderNumber' AS "orderNumber",
        o.customer_id AS "customerId", o.email_hash AS "emailHash", o.order_id AS "orderId", NULL AS detail
      FROM customer_orders o LEFT JOIN LATERAL (SELECT data FROM ledger WHERE stream = 'order:' || o.order_id
        AND type = 'order.created' LIMIT 1) c ON true
      WHERE o.order_id = $1)
     UNION ALL
     (SELECT 'order', substr(l.stream, 7), l.data ->> 'orderNumber', o.customer_id, o.email_hash,
        substr(l.stream, 7), NULL
      FROM ledger l LEFT JOIN customer_orders o ON o.order_id = substr(l.stream, 7)
      WHERE l.type = 'order.created' AND l.data ->> 'orderNumber' = $1 LIMIT ${PER_KIND})
     UNION ALL
     (SELECT 'customer', customer_id, NULL, customer_id, NULL, NULL, NULL FROM customer_orders
      WHERE customer_id = $1 AND NOT cancelled LIMIT 1)
     UNION ALL
     (SELECT 'customer', value, NULL, value, NULL, NULL, NULL FROM identity_links
      WHERE kind = 'customerId' AND value = $1 LIMIT 1)
     UNION ALL
     (SELECT 'email', $2, NULL, NULL, $2, NULL, NULL FROM identity_links WHERE kind = 'email' AND value = $2
      UNION SELECT 'email', $2, NULL, NULL, $2, NULL, NULL FROM customer_orders WHERE email_hash = $2 AND NOT cancelled
      LIMIT 1)
     UNION ALL
     (SELECT 'referral-code', code, NULL, advocate_customer_id, advocate_email_hash, NULL, campaign_id
      FROM referral_codes WHERE code = lower($1))
     UNION ALL
     (SELECT 'coupon', c.code, NULL, w.customer_id, w.email_hash, w.order_id, c.channel
      FROM codes c LEFT JOIN rewards w ON w.reward_id = c.reward_id WHERE c.code = lower($1))
     UNION ALL
     (SELECT 'reward', reward_id, NULL, customer_id, email_hash, order_id, state FROM rewards
      WHERE reward_id = $1 OR lower(coupon_code) = lower($1) LIMIT ${PER_KIND})`,
    [text, emailHash],
  );
  return result.rows;
}
