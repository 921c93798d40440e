// Erasure requests and where each stands (migration 010): no identifiers, only who asked, the kinds of
// identifier given, what was forgotten and Friendbuy's job.
import type { Queryable } from './db.js';

export type ErasureStatus = 'erasing' | 'friendbuy-pending' | 'completed';

export interface ErasureRow {
  erasureId: string;
  requestedBy: string;
  scope: string[];
  status: ErasureStatus;
  friendbuyJobId: string | null;
  counts: Record<string, number>;
  requestedAt: Date;
  completedAt: Date | null;
}

export async function recordErasureRequest(
  q: Queryable,
  erasure: {
    erasureId: string;
    requestedBy: string;
    scope: string[];
    counts: Record<string, number>;
    at: Date;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO erasures (id, requested_by, scope, status, counts, requested_at, updated_at)
     VALUES ($1, $2, $3::text[], 'erasing', $4::jsonb, $5, $5)`,
    [erasure.erasureId, erasure.requestedBy, erasure.scope, JSON.stringify(erasure.counts), erasure.at],
  );
}

export async function updateErasure(
  q: Queryable,
  erasureId: string,
  change: { status: ErasureStatus; friendbuyJobId?: string | undefined; at: Date },
): Promise<void> {
  await q.query(
    `UPDATE erasures SET status = $2, friendbuy_job_id = coalesce($3, friendbuy_job_id), updated_at = $4,
       completed_at = CASE WHEN $2 = 'completed' THEN $4 ELSE completed_at END
     WHERE id = $1`,
    [erasureId, change.status, change.friendbuyJobId ?? null, change.at],
  );
}

export async function readErasure(q: Queryable, erasureId: string): Promise<ErasureRow | undefined> {
  const result = await q.query<ErasureRow>(
    `SELECT id AS "erasureId", requested_by AS "requestedBy", scope, status, friendbuy_job_id AS "friendbuyJobId",
       counts, requested_at AS "requestedAt", completed_at AS "completedAt" FROM erasures WHERE id = $1`,
    [erasureId],
  );
  return result.rows[0];
}

/** Once Friendbuy confirmed, the jobs that carried the person's identifiers to it keep none of them. */
export async function blankErasureJobs(q: Queryable, erasureId: string): Promise<void> {
  await q.query(
    `UPDATE outbox SET payload = jsonb_build_object('erasureId', $1::text)
     WHERE kind LIKE 'privacy.%' AND payload ->> 'erasureId' = $1`,
    [erasureId],
  );
}
