// Backfill runs (migration 030): what a run was asked for, where each of its resource cursors stands and what
// it counted. The cursor and the counts are saved in the transaction that records a page, so a run resumes at
// the first page it had not recorded.
import type { Queryable } from './db.js';

/** Where reading one resource stands: the last (lastModifiedAt, id) recorded, and whether it reached the end. */
export interface ResourceCursor {
  lastModifiedAt?: string | undefined;
  id?: string | undefined;
  done?: boolean | undefined;
}

export type BackfillResource = 'orders' | 'customers';
/** A resource and a slice of the run's window: `orders/0`. */
export type SliceKey = `${BackfillResource}/${number}`;

export interface BackfillRun {
  id: string;
  since: Date;
  until: Date;
  storeKey: string | null;
  dryRun: boolean;
  reportSince: Date | null;
  slices: number;
  status: 'running' | 'done' | 'failed';
  cursors: Partial<Record<SliceKey, ResourceCursor>>;
  total: number | null;
  seen: number;
  recorded: number;
  error: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, since, until, store_key AS "storeKey", dry_run AS "dryRun", report_since AS "reportSince",
  slices, status, cursors, total, seen, recorded, error, started_at AS "startedAt", updated_at AS "updatedAt",
  finished_at AS "finishedAt"`;

export async function createBackfillRun(
  q: Queryable,
  run: Pick<BackfillRun, 'id' | 'since' | 'until' | 'storeKey' | 'dryRun' | 'reportSince' | 'slices'>,
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO backfill_runs (id, since, until, store_key, dry_run, report_since, slices, status, started_at,
       updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'running', $8, $8)`,
    [run.id, run.since, run.until, run.storeKey, run.dryRun, run.reportSince, run.slices, now],
  );
}

export async function readBackfillRun(q: Queryable, id: string): Promise<BackfillRun | undefined> {
  const result = await q.query<BackfillRun>(`SELECT ${COLUMNS} FROM backfill_runs WHERE id = $1`, [id]);
  return result.rows[0];
}

export async function listBackfillRuns(q: Queryable, limit = 20): Promise<BackfillRun[]> {
  const result = await q.query<BackfillRun>(
    `SELECT ${COLUMNS} FROM backfill_runs ORDER BY started_at DESC, id LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/** Saves one resource's cursor and adds to the counts (in the page's transaction). */
export async function advanceBackfillRun(
  q: Queryable,
  id: string,
  step: { slice: SliceKey; cursor: ResourceCursor; seen: number; recorded: number },
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE backfill_runs SET cursors = cursors || jsonb_build_object($2::text, $3::jsonb),
       seen = seen + $4, recorded = recorded + $5, updated_at = $6
     WHERE id = $1`,
    [id, step.slice, JSON.stringify(step.cursor), step.seen, step.recorded, now],
  );
}

export async function setBackfillTotal(q: Queryable, id: string, total: number, now: Date): Promise<void> {
  await q.query('UPDATE backfill_runs SET total = $2, updated_at = $3 WHERE id = $1 AND total IS NULL', [
    id,
    total,
    now,
  ]);
}

export async function finishBackfillRun(
  q: Queryable,
  id: string,
  outcome: { status: 'done' | 'failed'; error?: string | undefined },
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE backfill_runs SET status = $2, error = $3, updated_at = $4, finished_at = $4 WHERE id = $1`,
    [id, outcome.status, outcome.error?.slice(0, 2000) ?? null, now],
  );
}

/** The state of the outbox job that runs the backfill (its last error shows why a run is retrying). */
export async function backfillJobState(
  q: Queryable,
  dedupKey: string,
): Promise<{ status: string; attempts: number; lastError: string | null } | undefined> {
  const result = await q.query<{ status: string; attempts: number; lastError: string | null }>(
    'SELECT status, attempts, last_error AS "lastError" FROM outbox WHERE dedup_key = $1',
    [dedupKey],
  );
  return result.rows[0];
}

/** Which of these inbox dedup keys are already recorded (what a dry run would not record again). */
export async function recordedInboxKeys(
  q: Queryable,
  source: string,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await q.query<{ key: string }>(
    'SELECT dedup_key AS key FROM inbox WHERE source = $1 AND dedup_key = ANY($2::text[])',
    [source, [...keys]],
  );
  return new Set(result.rows.map((row) => row.key));
}
