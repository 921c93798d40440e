// Where the console finds a person known only by a keyed email hash: the commercetools customer the identity
// graph links to it, else their latest order (which carries the email in commercetools). One statement for a
// page of people.
import type { Queryable } from './db.js';

export interface EmailHashLead {
  emailHash: string;
  customerId: string | null;
  orderId: string | null;
}

export async function leadsForEmailHashes(q: Queryable, hashes: readonly string[]): Promise<EmailHashLead[]> {
  if (hashes.length === 0) return [];
  const result = await q.query<EmailHashLead>(
    `SELECT h.hash AS "emailHash",
       (SELECT wanted.value FROM identity_links known
          JOIN identity_links wanted ON wanted.person_id = known.person_id AND wanted.kind = 'customerId'
          WHERE known.kind = 'email' AND known.value = h.hash ORDER BY wanted.first_seen_at LIMIT 1) AS "customerId",
       (SELECT order_id FROM customer_orders WHERE email_hash = h.hash
          ORDER BY created_at DESC NULLS LAST LIMIT 1) AS "orderId"
     FROM unnest($1::text[]) AS h(hash)`,
    [[...new Set(hashes)]],
  );
  return result.rows;
}

export interface PersonOrder {
  orderId: string;
  orderNumber: string | null;
  createdAt: Date | null;
  total: { centAmount: number; currencyCode: string; fractionDigits: number } | null;
}

/** A person's latest orders (by customer id or email hash), with number and total from their `order.created`. */
export async function personOrders(
  q: Queryable,
  who: { customerId?: string | null | undefined; emailHash?: string | null | undefined },
  limit: number,
): Promise<PersonOrder[]> {
  if (!who.customerId && !who.emailHash) return [];
  const result = await q.query<PersonOrder>(
    `SELECT o.order_id AS "orderId", o.created_at AS "createdAt",
       c.data ->> 'orderNumber' AS "orderNumber", c.data -> 'total' AS total
     FROM (SELECT DISTINCT ON (order_id) order_id, created_at FROM (
             (SELECT order_id, created_at FROM customer_orders WHERE customer_id = $1
               ORDER BY created_at DESC NULLS LAST LIMIT $3)
             UNION ALL
             (SELECT order_id, created_at FROM customer_orders WHERE email_hash = $2
               ORDER BY created_at DESC NULLS LAST LIMIT $3)) both_ways) o
     LEFT JOIN LATERAL (SELECT data FROM ledger WHERE stream = 'order:' || o.order_id AND type = 'order.created'
       LIMIT 1) c ON true
     ORDER BY o.created_at DESC NULLS LAST LIMIT $3`,
    [who.customerId ?? null, who.emailHash ?? null, limit],
  );
  return result.rows.map((row) => ({ ...row, total: totalOf(row.total) }));
}

function totalOf(value: unknown): PersonOrder['total'] {
  const m = value as { centAmount?: unknown; currencyCode?: unknown; fractionDigits?: unknown } | null;
  if (!m || typeof m.centAmount !== 'number' || typeof m.currencyCode !== 'string') return null;
  return {
    centAmount: m.centAmount,
    currencyCode: m.currencyCode,
    fractionDigits: typeof m.fractionDigits === 'number' ? m.fractionDigits : 2,
  };
}

export interface ReferralCounts {
  /** Referred orders this person brought as advocate, by the fraud check's verdict. */
  asAdvocate: { orders: number; approved: number; held: number; rejected: number };
  /** Referred orders this person placed as a friend. */
  asFriend: number;
}

export async function referralCounts(
  q: Queryable,
  who: { advocateKey: string | null; friendAccounts: readonly string[] },
): Promise<ReferralCounts> {
  const result = await q.query<{
    orders: number;
    approved: number;
    held: number;
    rejected: number;
    friend: number;
  }>(
    `SELECT count(*)::int AS orders, count(*) FILTER (WHERE verdict = 'approve')::int AS approved,
       count(*) FILTER (WHERE verdict = 'hold')::int AS held,
       count(*) FILTER (WHERE verdict = 'reject')::int AS rejected,
       (SELECT count(*)::int FROM referrals WHERE friend_account = ANY($2::text[])) AS friend
     FROM referrals WHERE advocate_key = $1`,
    [who.advocateKey, [...who.friendAccounts]],
  );
  const row = result.rows[0]!;
  return {
    asAdvocate: { orders: row.orders, approved: row.approved, held: row.held, rejected: row.rejected },
    asFriend: row.friend,
  };
}

/** Other referred orders sharing this order's device, IP or shipping address (capped: a count to read). */
export async function sharedReferralCounts(
  q: Queryable,
  orderId: string,
): Promise<{ device: number; ip: number; address: number }> {
  const result = await q.query<{ device: number; ip: number; address: number }>(
    `SELECT
       (SELECT count(*)::int FROM (SELECT 1 FROM referrals o WHERE o.device_hash = r.device_hash
          AND o.order_id <> r.order_id LIMIT 1000) d) AS device,
       (SELECT count(*)::int FROM (SELECT 1 FROM referrals o WHERE o.ip_hash = r.ip_hash
          AND o.order_id <> r.order_id LIMIT 1000) i) AS ip,
       (SELECT count(*)::int FROM (SELECT 1 FROM referrals o WHERE o.address_hash = r.address_hash
          AND o.order_id <> r.order_id LIMIT 1000) a) AS address
     FROM referrals r WHERE r.order_id = $1`,
    [orderId],
  );
  return result.rows[0] ?? { device: 0, ip: 0, address: 0 };
}
