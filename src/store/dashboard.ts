// The dashboard's aggregates, counted by the database per period bucket (day or week, UTC) over indexed
// ranges (migration 032): funnel steps from the ledger, referred orders and their revenue from the referrals
// index with each order's created and reported facts, rewards from the rewards table and their hold and
// reversal events. Only counts and sums leave the database.
import type { Queryable, SqlParam } from './db.js';

export type Bucket = 'day' | 'week';

export interface DashboardFilter {
  from: Date;
  to: Date;
  bucket: Bucket;
  campaignId?: string | undefined;
  storeKey?: string | undefined;
  currency?: string | undefined;
}

export interface BucketCount {
  bucketStart: Date;
  metric: string;
  count: number;
}

export interface RevenueRow {
  currencyCode: string;
  fractionDigits: number;
  centAmount: number;
}

export interface AdvocateRow {
  advocateKey: string;
  referredOrders: number;
  revenue: RevenueRow[];
}

const bucketOf = (column: string, param: string) =>
  `(date_trunc(${param}, ${column} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/** $1 from, $2 to, $3 campaign, $4 store, $5 currency; a series adds $6, the bucket. */
function scope(filter: DashboardFilter): SqlParam[] {
  return [
    filter.from,
    filter.to,
    filter.campaignId ?? null,
    filter.storeKey ?? null,
    filter.currency ?? null,
  ];
}

/**
 * Referred orders in the period with their store, currency and net amount: the amount reported to Friendbuy
 * (net merchandise after discounts), else the order total; summed in the most precise minor unit recorded for
 * the currency, so orders recorded with different fraction digits add up.
 */
const REFERRED_ORDERS = `referred AS (
  SELECT r.order_id, r.advocate_key, r.placed_at, c.data ->> 'storeKey' AS store_key,
    c.data -> 'total' ->> 'currencyCode' AS currency,
    coalesce((c.data -> 'total' ->> 'fractionDigits')::int, 2) AS digits,
    coalesce(CASE jsonb_typeof(p.data -> 'amount') WHEN 'object' THEN (p.data -> 'amount' ->> 'centAmount')::bigint
      WHEN 'number' THEN (p.data ->> 'amount')::bigint END, (c.data -> 'total' ->> 'centAmount')::bigint, 0) AS cents
  FROM referrals r
  LEFT JOIN LATERAL (SELECT data FROM ledger WHERE stream = 'order:' || r.order_id AND type = 'order.created'
    LIMIT 1) c ON true
  LEFT JOIN LATERAL (SELECT data FROM ledger WHERE stream = 'order:' || r.order_id AND type = 'purchase.reported'
    LIMIT 1) p ON true
  WHERE r.placed_at >= $1 AND r.placed_at < $2 AND ($3::text IS NULL OR r.campaign_id = $3)),
filtered AS (SELECT *, cents * power(10, max(digits) OVER (PARTITION BY currency) - digits)::bigint AS minor,
    max(digits) OVER (PARTITION BY currency) AS currency_digits
  FROM referred WHERE ($4::text IS NULL OR store_key = $4) AND ($5::text IS NULL OR currency = $5))`;

/**
 * Shares, clicks and sign-ups per bucket. A campaign filter keeps the steps that name that campaign; the store
 * and currency filters do not apply (Friendbuy's analytics name neither).
 */
export async function funnelSeries(q: Queryable, filter: DashboardFilter): Promise<BucketCount[]> {
  const result = await q.query<BucketCount>(
    `SELECT ${bucketOf('occurred_at', '$4')} AS "bucketStart", type AS metric, count(*)::int AS count
     FROM ledger
     WHERE type IN ('referral.share', 'referral.click', 'referral.sign-up')
       AND occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR data ->> 'campaignId' = $3)
     GROUP BY 1, 2`,
    [filter.from, filter.to, filter.campaignId ?? null, filter.bucket],
  );
  return result.rows;
}

export async function referredOrderSeries(q: Queryable, filter: DashboardFilter): Promise<BucketCount[]> {
  const result = await q.query<BucketCount>(
    `WITH ${REFERRED_ORDERS}
     SELECT ${bucketOf('placed_at', '$6')} AS "bucketStart", 'referredOrders' AS metric, count(*)::int AS count
     FROM filtered GROUP BY 1`,
    [...scope(filter), filter.bucket],
  );
  return result.rows;
}

/** Net referred revenue per currency over the period. */
export async function referredRevenue(q: Queryable, filter: DashboardFilter): Promise<RevenueRow[]> {
  const result = await q.query<RevenueRow>(
    `WITH ${REFERRED_ORDERS}
     SELECT currency AS "currencyCode", max(currency_digits)::int AS "fractionDigits", sum(minor)::float8 AS "centAmount"
     FROM filtered WHERE currency IS NOT NULL GROUP BY currency ORDER BY currency`,
    scope(filter),
  );
  return result.rows;
}

/** The advocates with the most referred orders in the period, with their friends' revenue per currency. */
export async function topAdvocates(
  q: Queryable,
  filter: DashboardFilter,
  limit: number,
): Promise<AdvocateRow[]> {
  const result = await q.query<AdvocateRow>(
    `WITH ${REFERRED_ORDERS},
     top AS (SELECT advocate_key, count(*)::int AS orders FROM filtered GROUP BY advocate_key
       ORDER BY orders DESC, advocate_key LIMIT $6)
     SELECT t.advocate_key AS "advocateKey", t.orders AS "referredOrders",
       (SELECT coalesce(json_agg(json_build_object('currencyCode', currency, 'fractionDigits', digits,
          'centAmount', cents) ORDER BY currency), '[]') FROM (
          SELECT currency, max(currency_digits) AS digits, sum(minor) AS cents FROM filtered f
          WHERE f.advocate_key = t.advocate_key AND currency IS NOT NULL GROUP BY currency) s) AS revenue
     FROM top t ORDER BY t.orders DESC, t.advocate_key`,
    [...scope(filter), limit],
  );
  return result.rows.map((row) => ({
    ...row,
    revenue: row.revenue.map((r) => ({ ...r, centAmount: Number(r.centAmount) })),
  }));
}

/**
 * Advocate rewards issued per bucket (by issue time), and holds and reversals per bucket (by the time the
 * reward's stream recorded them). Store and currency filter through the reward's order and unit.
 */
export async function rewardSeries(q: Queryable, filter: DashboardFilter): Promise<BucketCount[]> {
  const inScope = `($3::text IS NULL OR w.campaign_id = $3) AND ($5::text IS NULL OR w.unit = $5)
    AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM ledger c WHERE c.stream = 'order:' || w.order_id
      AND c.type = 'order.created' AND c.data ->> 'storeKey' = $4))`;
  const result = await q.query<BucketCount>(
    `SELECT ${bucketOf('w.issued_at', '$6')} AS "bucketStart", 'rewardsIssued' AS metric, count(*)::int AS count
     FROM rewards w WHERE w.kind = 'advocateReward' AND w.issued_at >= $1 AND w.issued_at < $2 AND ${inScope}
     GROUP BY 1
     UNION ALL
     SELECT ${bucketOf('e.occurred_at', '$6')}, CASE e.type WHEN 'reward.held' THEN 'rewardsHeld'
       ELSE 'rewardsReversed' END, count(*)::int
     FROM ledger e JOIN rewards w ON e.stream = 'reward:' || w.reward_id
     WHERE e.type IN ('reward.held', 'reward.reversed') AND e.occurred_at >= $1 AND e.occurred_at < $2
       AND w.kind = 'advocateReward' AND ${inScope}
     GROUP BY 1, 2`,
    [...scope(filter), filter.bucket],
  );
  return result.rows;
}

/** Review cases opened in the period, counted by each signal that fired. */
export async function holdsBySignal(
  q: Queryable,
  filter: DashboardFilter,
): Promise<{ signal: string; count: number }[]> {
  const result = await q.query<{ signal: string; count: number }>(
    `SELECT s ->> 'signal' AS signal, count(*)::int AS count
     FROM reviews r CROSS JOIN LATERAL jsonb_array_elements(r.signals) s
     WHERE r.opened_at >= $1 AND r.opened_at < $2 AND ($3::text IS NULL OR r.campaign_id = $3)
     GROUP BY 1 ORDER BY count DESC, signal`,
    [filter.from, filter.to, filter.campaignId ?? null],
  );
  return result.rows;
}
