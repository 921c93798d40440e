// What reconciliation reads of the connector's own records (inbox, ledger, outbox, rewards) for a set of orders
// or a window, and the findings it keeps (migration 030): one row per subject and cause, seen again or repaired.
import type { Queryable } from './db.js';
import { REPORT_SKIPPED } from './report-skips.js';

export interface OrderRecords {
  orderId: string;
  /** Its first message (OrderCreated, sequence number 1) is in the inbox. */
  received: boolean;
  created: boolean;
  reported: Record<string, unknown> | null;
  settled: boolean;
  /** The last failed purchase call was a definite, final refusal (not ambiguous, not "try later"). */
  refused: boolean;
  purchaseJob: { id: number; status: 'pending' | 'done' | 'dead' } | null;
  messageJob: { id: number; status: 'pending' | 'done' | 'dead' } | null;
}

/** Per order id, what the inbox, the order's ledger stream and the outbox hold about it. */
export async function readOrderRecords(q: Queryable, orderIds: readonly string[]): Promise<OrderRecords[]> {
  if (orderIds.length === 0) return [];
  const result = await q.query<OrderRecords>(
    `SELECT o.id AS "orderId",
       EXISTS (SELECT 1 FROM inbox WHERE source = 'commercetools' AND dedup_key = o.id || ':1') AS received,
       EXISTS (SELECT 1 FROM ledger WHERE stream = 'order:' || o.id AND type = 'order.created') AS created,
       (SELECT data FROM ledger WHERE stream = 'order:' || o.id AND type = 'purchase.reported' LIMIT 1) AS reported,
       EXISTS (SELECT 1 FROM ledger WHERE stream = 'order:' || o.id
         AND (type = 'purchase.held' OR (type = $2 AND data ->> 'report' = 'purchase'))) AS settled,
       COALESCE((SELECT data ->> 'ambiguous' = 'false' AND data ->> 'retryable' = 'false' FROM ledger
         WHERE stream = 'order:' || o.id AND type = 'purchase.attempt-failed' ORDER BY seq DESC LIMIT 1), false)
         AS refused,
       (SELECT jsonb_build_object('id', id, 'status', status) FROM outbox
         WHERE dedup_key = 'purchase:' || o.id) AS "purchaseJob",
       (SELECT jsonb_build_object('id', j.id, 'status', j.status) FROM inbox i
         JOIN outbox j ON j.dedup_key = 'inbox:' || i.id
         WHERE i.source = 'commercetools' AND i.dedup_key = o.id || ':1') AS "messageJob"
     FROM unnest($1::text[]) AS o(id)`,
    [[...orderIds], REPORT_SKIPPED],
  );
  return result.rows;
}

/** When the connector received its first delivery from the subscription (a backfill's records do not count). */
export async function firstDeliveryAt(q: Queryable): Promise<Date | undefined> {
  const result = await q.query<{ receivedAt: Date }>(
    `SELECT received_at AS "receivedAt" FROM inbox
     WHERE source = 'commercetools' AND NOT (payload ? 'backfill') ORDER BY id LIMIT 1`,
  );
  return result.rows[0]?.receivedAt;
}

export interface KnownReward {
  couponCode: string | null;
  advocateCustomerId: string | null;
  advocateEmailHash: string | null;
}

/** The advocate rewards the ledger recorded as issued in the window. */
export async function readAdvocateRewards(
  q: Queryable,
  window: { from: Date; to: Date },
): Promise<KnownReward[]> {
  const result = await q.query<KnownReward>(
    `SELECT coupon_code AS "couponCode", customer_id AS "advocateCustomerId", email_hash AS "advocateEmailHash"
     FROM rewards WHERE kind = 'advocateReward' AND issued_at >= $1 AND issued_at < $2`,
    [window.from, window.to],
  );
  return result.rows;
}

/** Rewards whose coupon should be a usable commercetools code now (state `available`), issued in the window. */
export async function readAvailableRewardIds(
  q: Queryable,
  window: { from: Date; to: Date },
): Promise<string[]> {
  const result = await q.query<{ rewardId: string }>(
    `SELECT reward_id AS "rewardId" FROM rewards
     WHERE state = 'available' AND coupon_code IS NOT NULL AND issued_at >= $1 AND issued_at < $2`,
    [window.from, window.to],
  );
  return result.rows.map((row) => row.rewardId);
}

export interface Finding {
  id: number;
  day: string;
  storeKey: string | null;
  subject: string;
  cause: string;
  detail: Record<string, unknown>;
  repair: string | null;
  repairedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const FINDING_COLUMNS = `id::int AS id, to_char(day, 'YYYY-MM-DD') AS day, store_key AS "storeKey", subject, cause,
  detail, repair, repaired_at AS "repairedAt", first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt"`;

/** Records a finding, or notes it was seen again; a repair made now is stamped. */
export async function saveFinding(
  q: Queryable,
  finding: {
    day: string;
    storeKey: string | null;
    subject: string;
    cause: string;
    detail: Record<string, unknown>;
    repair?: string | undefined;
  },
  now: Date,
): Promise<Finding> {
  const result = await q.query<Finding>(
    `INSERT INTO reconciliation_findings (day, store_key, subject, cause, detail, repair, repaired_at,
       first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE $7::timestamptz END, $7, $7)
     ON CONFLICT (subject, cause) DO UPDATE SET detail = EXCLUDED.detail, last_seen_at = EXCLUDED.last_seen_at,
       repair = COALESCE(EXCLUDED.repair, reconciliation_findings.repair),
       repaired_at = COALESCE(EXCLUDED.repaired_at, reconciliation_findings.repaired_at)
     RETURNING ${FINDING_COLUMNS}`,
    [
      finding.day,
      finding.storeKey,
      finding.subject,
      finding.cause,
      JSON.stringify(finding.detail),
      finding.repair ?? null,
      now,
    ],
  );
  return result.rows[0]!;
}

export async function listFindings(
  q: Queryable,
  filter: { cause?: string | undefined; open?: boolean | undefined; limit?: number | undefined },
): Promise<Finding[]> {
  const result = await q.query<Finding>(
    `SELECT ${FINDING_COLUMNS} FROM reconciliation_findings
     WHERE ($1::text IS NULL OR cause = $1) AND (NOT $2::boolean OR repaired_at IS NULL)
     ORDER BY last_seen_at DESC, id DESC LIMIT $3`,
    [filter.cause ?? null, filter.open ?? false, filter.limit ?? 200],
  );
  return result.rows;
}
