// The reviews table (migration 008): referrals the fraud check held, open until an operator decides. The
// decision is also recorded on the order's ledger stream, in the same transaction (flows/decide-review.ts).
import type { ReviewStatus } from '../domain/review.js';
import type { Queryable, SqlParam } from './db.js';

export interface ReviewRow {
  id: number;
  orderId: string;
  campaignId: string;
  advocateKey: string | null;
  friendAccount: string | null;
  status: ReviewStatus;
  score: number;
  signals: unknown[];
  openedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  updatedAt: Date;
}

const COLUMNS = `id::int AS id, order_id AS "orderId", campaign_id AS "campaignId", advocate_key AS "advocateKey",
  friend_account AS "friendAccount", status, score, signals, opened_at AS "openedAt", decided_by AS "decidedBy",
  decided_at AS "decidedAt", reason, updated_at AS "updatedAt"`;

export type NewReview = Pick<
  ReviewRow,
  'orderId' | 'campaignId' | 'advocateKey' | 'friendAccount' | 'score' | 'signals' | 'openedAt'
>;

/** Opens the order's review case; an order has at most one, so a second call returns the existing case. */
export async function openReview(q: Queryable, review: NewReview): Promise<ReviewRow> {
  const inserted = await q.query<ReviewRow>(
    `INSERT INTO reviews (order_id, campaign_id, advocate_key, friend_account, status, score, signals, opened_at,
       updated_at)
     VALUES ($1, $2, $3, $4, 'open', $5, $6::jsonb, $7, $7)
     ON CONFLICT (order_id) DO NOTHING RETURNING ${COLUMNS}`,
    [
      review.orderId,
      review.campaignId,
      review.advocateKey,
      review.friendAccount,
      review.score,
      JSON.stringify(review.signals),
      review.openedAt,
    ],
  );
  return inserted.rows[0] ?? (await findReviewOfOrder(q, review.orderId))!;
}

export async function findReview(q: Queryable, id: number): Promise<ReviewRow | undefined> {
  const result = await q.query<ReviewRow>(`SELECT ${COLUMNS} FROM reviews WHERE id = $1`, [id]);
  return result.rows[0];
}

/** Locks the case for a decision (concurrent approve and reject of one case serialise here). */
export async function lockReview(q: Queryable, id: number): Promise<ReviewRow | undefined> {
  const result = await q.query<ReviewRow>(`SELECT ${COLUMNS} FROM reviews WHERE id = $1 FOR UPDATE`, [id]);
  return result.rows[0];
}

export async function findReviewOfOrder(q: Queryable, orderId: string): Promise<ReviewRow | undefined> {
  const result = await q.query<ReviewRow>(`SELECT ${COLUMNS} FROM reviews WHERE order_id = $1`, [orderId]);
  return result.rows[0];
}

export async function saveReviewDecision(
  q: Queryable,
  id: number,
  decision: { status: ReviewStatus; by: string; at: Date; reason: string | null },
): Promise<void> {
  await q.query(
    `UPDATE reviews SET status = $2, decided_by = $3, decided_at = $4, reason = $5, updated_at = $4 WHERE id = $1`,
    [id, decision.status, decision.by, decision.at, decision.reason],
  );
}

export interface ReviewFilter {
  status?: ReviewStatus | undefined;
  campaignId?: string | undefined;
  advocateKey?: string | undefined;
  /** A fired signal the case must include, e.g. `sameDevice`. */
  signal?: string | undefined;
  openedFrom?: Date | undefined;
  openedTo?: Date | undefined;
  /** Keyset paging: cases after this id (ids grow with time). */
  after?: number | undefined;
  limit: number;
}

/** Cases oldest first (the queue's order), one page; `next` is the id to pass as `after` for the next page. */
export async function listReviews(
  q: Queryable,
  filter: ReviewFilter,
): Promise<{ reviews: ReviewRow[]; next: number | null }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: string, value: SqlParam) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.status) add('status = ?', filter.status);
  if (filter.campaignId) add('campaign_id = ?', filter.campaignId);
  if (filter.advocateKey) add('advocate_key = ?', filter.advocateKey);
  if (filter.signal) add(`signals @> ?::jsonb`, JSON.stringify([{ signal: filter.signal }]));
  if (filter.openedFrom) add('opened_at >= ?', filter.openedFrom);
  if (filter.openedTo) add('opened_at < ?', filter.openedTo);
  if (filter.after !== undefined) add('id > ?', filter.after);
  params.push(filter.limit + 1);
  const result = await q.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM reviews ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id LIMIT $${params.length}`,
    params,
  );
  const reviews = result.rows.slice(0, filter.limit);
  const next = result.rows.length > filter.limit ? (reviews.at(-1)?.id ?? null) : null;
  return { reviews, next };
}
