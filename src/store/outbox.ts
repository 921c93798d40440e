// The outbox: every outbound effect is a row here until it succeeds or is visibly dead-lettered. Jobs are
// claimed with FOR UPDATE SKIP LOCKED under a short lease that the running worker keeps extending, so several
// processes share the queue and a crashed worker's job is picked up again within seconds.
import type { Queryable } from './db.js';

export interface JobInput {
  kind: string;
  /** Unique per effect: enqueueing the same key twice is a no-op, which is what makes effects happen once. */
  dedupKey: string;
  payload: Record<string, unknown>;
  runAfter?: Date | undefined;
  correlationId?: string | undefined;
}

export interface Job {
  id: number;
  kind: string;
  dedupKey: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  runAfter: Date;
  lastError: string | null;
  correlationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, kind, dedup_key AS "dedupKey", payload, status, attempts, run_after AS "runAfter",
  last_error AS "lastError", correlation_id AS "correlationId", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Enqueues a job; returns false when a job with the same dedup key already exists. */
export async function enqueue(q: Queryable, job: JobInput, now: Date): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO outbox (kind, dedup_key, payload, run_after, correlation_id, created_at, updated_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $6) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
    [
      job.kind,
      job.dedupKey,
      JSON.stringify(job.payload),
      job.runAfter ?? now,
      job.correlationId ?? null,
      now,
    ],
  );
  if (result.rowCount > 0) q.jobsQueued();
  return result.rowCount > 0;
}

/** Enqueues several jobs in one statement (due now); returns how many were new. */
export async function enqueueMany(q: Queryable, jobs: readonly JobInput[], now: Date): Promise<number> {
  if (jobs.length === 0) return 0;
  const result = await q.query(
    `INSERT INTO outbox (kind, dedup_key, payload, run_after, correlation_id, created_at, updated_at)
     SELECT kind, dedup_key, payload::jsonb, $4, correlation_id, $4, $4
     FROM unnest($1::text[], $2::text[], $3::text[], $5::text[]) AS j(kind, dedup_key, payload, correlation_id)
     ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
    [
      jobs.map((job) => job.kind),
      jobs.map((job) => job.dedupKey),
      jobs.map((job) => JSON.stringify(job.payload)),
      now,
      jobs.map((job) => job.correlationId ?? null),
    ],
  );
  if (result.rowCount > 0) q.jobsQueued();
  return result.rowCount;
}

export async function claimJobs(
  q: Queryable,
  options: { workerId: string; now: Date; limit: number; leaseMs: number },
): Promise<Job[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const result = await q.query<Job>(
    `UPDATE outbox SET locked_until = $3, locked_by = $4, attempts = attempts + 1, updated_at = $1
     WHERE id IN (
       SELECT id FROM outbox
       WHERE status = 'pending' AND run_after <= $1 AND (locked_until IS NULL OR locked_until < $1)
       ORDER BY run_after, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [options.now, options.limit, leaseUntil, options.workerId],
  );
  return result.rows;
}

/**
 * Extends a running job's lease (the worker's heartbeat); false when the job is no longer this worker's: its
 * lease ran out and another worker claimed it, or it was finished elsewhere.
 */
export async function extendLease(
  q: Queryable,
  options: { id: number; workerId: string; until: Date },
): Promise<boolean> {
  const result = await q.query(
    `UPDATE outbox SET locked_until = $3 WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
    [options.id, options.workerId, options.until],
  );
  return result.rowCount > 0;
}

export async function completeJob(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query(
    `UPDATE outbox SET status = 'done', done_at = $2, updated_at = $2, locked_until = NULL, last_error = NULL
     WHERE id = $1`,
    [id, now],
  );
}

/** Schedules the next attempt, or dead-letters the job when `retryAt` is undefined. */
export async function failJob(
  q: Queryable,
  id: number,
  error: string,
  now: Date,
  retryAt: Date | undefined,
): Promise<void> {
  await q.query(
    `UPDATE outbox SET status = $3, run_after = COALESCE($4, run_after), last_error = $2, updated_at = $5,
       locked_until = NULL
     WHERE id = $1`,
    [id, error.slice(0, 2000), retryAt ? 'pending' : 'dead', retryAt ?? null, now],
  );
}

export async function queueCounts(q: Queryable): Promise<{ pending: number; failed: number }> {
  const result = await q.query<{ status: string; count: number }>(
    `SELECT status, count(*)::int AS count FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status`,
  );
  const count = (status: string) => result.rows.find((row) => row.status === status)?.count ?? 0;
  return { pending: count('pending'), failed: count('dead') };
}

export async function listJobs(
  q: Queryable,
  filter: { status?: Job['status'] | undefined; kind?: string | undefined; limit?: number | undefined },
): Promise<Job[]> {
  const result = await q.query<Job>(
    `SELECT ${COLUMNS} FROM outbox
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY id DESC LIMIT $3`,
    [filter.status ?? null, filter.kind ?? null, filter.limit ?? 100],
  );
  return result.rows;
}

/** Puts dead-lettered jobs back in the queue (all of them, or the given ids); returns how many. */
export async function retryDeadJobs(q: Queryable, now: Date, ids?: number[]): Promise<number> {
  const result = await q.query(
    `UPDATE outbox SET status = 'pending', run_after = $1, attempts = 0, created_at = $1, updated_at = $1,
       locked_until = NULL
     WHERE status = 'dead' AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) RETURNING id`,
    [now, ids && ids.length > 0 ? ids : null],
  );
  if (result.rowCount > 0) q.jobsQueued();
  return result.rowCount;
}

/** The dead letter that has waited longest, with what the remote last answered (the on-call view). */
export async function oldestDeadLetter(
  q: Queryable,
): Promise<{ id: number; kind: string; deadSince: Date; attempts: number; lastError: string | null } | null> {
  const result = await q.query<{
    id: number;
    kind: string;
    deadSince: Date;
    attempts: number;
    lastError: string | null;
  }>(
    `SELECT id::int AS id, kind, updated_at AS "deadSince", attempts, last_error AS "lastError"
     FROM outbox WHERE status = 'dead' ORDER BY updated_at, id LIMIT 1`,
  );
  return result.rows[0] ?? null;
}
