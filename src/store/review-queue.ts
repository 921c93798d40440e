// The review queue as the console pages it: the cases with the order number and the moment Friendbuy stops
// asking about the purchase (`decideBy`), filtered and sorted in SQL. decideBy is the purchase report's time
// plus the campaign's hold (the caller passes each campaign's delay, which lives in configuration, not here).
// Keyset paging over the sort tuple, so a page costs the same deep in the queue.
import type { ReviewStatus } from '../domain/review.js';
import type { Queryable, SqlParam } from './db.js';
import type { ReviewRow } from './reviews.js';

export const REVIEW_SORTS = ['decideBy', 'openedAt', 'newest', 'score'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface ReviewQueueFilter {
  status?: ReviewStatus | undefined;
  campaignId?: string | undefined;
  advocateKey?: string | undefined;
  signal?: string | undefined;
  minScore?: number | undefined;
  /** Opened at or before this moment (the caller turns "older than 48 hours" into it). */
  openedBefore?: Date | undefined;
  openedFrom?: Date | undefined;
  openedTo?: Date | undefined;
  sort: ReviewSort;
  /** The cursor of the previous page (`next`), or a bare review id: cases after it in id order. */
  after?: ReviewCursor | number | undefined;
  limit: number;
  /** Per campaign whose rewards Friendbuy holds: seconds from the purchase report to its last validation call. */
  decideWithinSeconds: ReadonlyMap<string, number>;
}

export interface ReviewQueueRow extends ReviewRow {
  orderNumber: string | null;
  decideBy: Date | null;
}

/** Where a page ended: the sort value, then openedAt and id, which break ties. */
export interface ReviewCursor {
  value: string | number | null;
  openedAt: string;
  id: number;
}

// Each sort as [sort expression, direction]; decideBy sorts a missing deadline last by reading it as infinity.
const ORDER: Readonly<Record<ReviewSort, { key: string; dir: 'ASC' | 'DESC' }>> = {
  decideBy: { key: `coalesce(decide_by, 'infinity'::timestamptz)`, dir: 'ASC' },
  openedAt: { key: '"openedAt"', dir: 'ASC' },
  newest: { key: '"openedAt"', dir: 'DESC' },
  score: { key: 'score', dir: 'DESC' },
};

export async function listReviewQueue(
  q: Queryable,
  filter: ReviewQueueFilter,
): Promise<{ reviews: ReviewQueueRow[]; next: ReviewCursor | null }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status) where.push(`r.status = ${p(filter.status)}`);
  if (filter.campaignId) where.push(`r.campaign_id = ${p(filter.campaignId)}`);
  if (filter.advocateKey) where.push(`r.advocate_key = ${p(filter.advocateKey)}`);
  if (filter.signal) where.push(`r.signals @> ${p(JSON.stringify([{ signal: filter.signal }]))}::jsonb`);
  if (filter.minScore !== undefined) where.push(`r.score >= ${p(filter.minScore)}`);
  if (filter.openedBefore) where.push(`r.opened_at <= ${p(filter.openedBefore)}`);
  if (filter.openedFrom) where.push(`r.opened_at >= ${p(filter.openedFrom)}`);
  if (filter.openedTo) where.push(`r.opened_at < ${p(filter.openedTo)}`);
  const campaigns = [...filter.decideWithinSeconds.entries()];
  const holds = `unnest(${p(campaigns.map(([id]) => id))}::text[], ${p(campaigns.map(([, s]) => s))}::float8[])`;
  const { key, dir } = ORDER[filter.sort];
  const outer: string[] = [];
  if (typeof filter.after === 'number') outer.push(`id > ${p(filter.after)}`);
  else if (filter.after) {
    const cmp = dir === 'ASC' ? '>' : '<';
    const value =
      filter.sort === 'score'
        ? `${p(Number(filter.after.value))}::int`
        : `${p(filter.after.value ?? 'infinity')}::timestamptz`;
    // Ties on the sort value go on in (opened_at, id) order, oldest first for every sort but `newest`.
    const tie = filter.sort === 'newest' ? '<' : '>';
    outer.push(
      `(${key} ${cmp} ${value} OR (${key} = ${value} AND ("openedAt", id) ${tie} (${p(filter.after.openedAt)}::timestamptz, ${p(filter.after.id)}::bigint)))`,
    );
  }
  const tieDir = filter.sort === 'newest' ? 'DESC' : 'ASC';
  const order = typeof filter.after === 'number' ? 'id' : `${key} ${dir}, "openedAt" ${tieDir}, id ${tieDir}`;
  const result = await q.query<ReviewQueueRow & { decide_by: Date | null }>(
    `SELECT * FROM (
       SELECT r.id::int AS id, r.order_id AS "orderId", r.campaign_id AS "campaignId",
         r.advocate_key AS "advocateKey", r.friend_account AS "friendAccount", r.status, r.score, r.signals,
         r.opened_at AS "openedAt", r.decided_by AS "decidedBy", r.decided_at AS "decidedAt",
         r.reason, r.updated_at AS "updatedAt",
         (SELECT data ->> 'orderNumber' FROM ledger
           WHERE stream = 'order:' || r.order_id AND type = 'order.created' LIMIT 1) AS "orderNumber",
         (SELECT min(occurred_at) FROM ledger
           WHERE stream = 'order:' || r.order_id AND type = 'purchase.reported')
           + make_interval(secs => h.seconds) AS decide_by
       FROM reviews r LEFT JOIN ${holds} AS h(campaign_id, seconds) ON h.campaign_id = r.campaign_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ) queue ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
     ORDER BY ${order} LIMIT ${p(filter.limit + 1)}`,
    params,
  );
  const rows = result.rows.map(({ decide_by, ...row }) => ({ ...row, decideBy: decide_by }));
  const reviews = rows.slice(0, filter.limit);
  const last = reviews.at(-1);
  const more = rows.length > filter.limit && last;
  return { reviews, next: more ? cursorOf(last, filter.sort) : null };
}

function cursorOf(row: ReviewQueueRow, sort: ReviewSort): ReviewCursor {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const value = sort === 'score' ? row.score : sort === 'decideBy' ? iso(row.decideBy) : iso(row.openedAt);
  return { value, openedAt: iso(row.openedAt)!, id: row.id };
}
