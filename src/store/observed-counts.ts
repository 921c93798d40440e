// The counts the metrics read at scrape time. Each is answered from an index or a small table: pending and
// dead jobs (never the done ones, which pile up), the oldest due job, and rewards by state.
import type { Queryable } from './db.js';

export async function unfinishedJobCounts(
  q: Queryable,
): Promise<Array<{ kind: string; state: 'pending' | 'dead'; count: number }>> {
  const result = await q.query<{ kind: string; state: 'pending' | 'dead'; count: number }>(
    `SELECT kind, status AS state, count(*)::int AS count FROM outbox
     WHERE status IN ('pending', 'dead') GROUP BY kind, status ORDER BY kind, status`,
  );
  return result.rows;
}

/** Seconds since the longest-waiting due job became due; 0 when nothing is due. */
export async function oldestDueJobAgeSeconds(q: Queryable, now: Date): Promise<number> {
  const result = await q.query<{ oldest: Date | null }>(
    `SELECT min(run_after) AS oldest FROM outbox WHERE status = 'pending' AND run_after <= $1`,
    [now],
  );
  const oldest = result.rows[0]?.oldest;
  return oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0;
}

export async function rewardCountsByState(q: Queryable): Promise<Array<{ state: string; count: number }>> {
  const result = await q.query<{ state: string; count: number }>(
    'SELECT state, count(*)::int AS count FROM rewards GROUP BY state ORDER BY state',
  );
  return result.rows;
}

/** Reconciliation findings not repaired, by cause (a handful of causes, one row per subject and cause). */
export async function openFindingCounts(q: Queryable): Promise<Array<{ cause: string; count: number }>> {
  const result = await q.query<{ cause: string; count: number }>(
    `SELECT cause, count(*)::int AS count FROM reconciliation_findings WHERE repaired_at IS NULL
     GROUP BY cause ORDER BY cause`,
  );
  return result.rows;
}
