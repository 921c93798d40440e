// Where each Friendbuy analytics pull stands (migration 004): the window being read, the page token to resume
// it from, and how far everything has been read. Saved in the transaction that records each page's events, so a
// crash resumes at the first page not recorded.
import type { Queryable } from './db.js';

export interface AnalyticsCursor {
  kind: string;
  windowFrom: Date | null;
  windowTo: Date | null;
  pageToken: string | null;
  completedThrough: Date | null;
}

export async function readAnalyticsCursor(q: Queryable, kind: string): Promise<AnalyticsCursor> {
  const result = await q.query<AnalyticsCursor>(
    `SELECT kind, window_from AS "windowFrom", window_to AS "windowTo", page_token AS "pageToken",
       completed_through AS "completedThrough"
     FROM analytics_cursors WHERE kind = $1`,
    [kind],
  );
  return (
    result.rows[0] ?? { kind, windowFrom: null, windowTo: null, pageToken: null, completedThrough: null }
  );
}

export async function saveAnalyticsCursor(q: Queryable, cursor: AnalyticsCursor, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO analytics_cursors (kind, window_from, window_to, page_token, completed_through, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (kind) DO UPDATE SET window_from = EXCLUDED.window_from, window_to = EXCLUDED.window_to,
       page_token = EXCLUDED.page_token, completed_through = EXCLUDED.completed_through,
       updated_at = EXCLUDED.updated_at`,
    [cursor.kind, cursor.windowFrom, cursor.windowTo, cursor.pageToken, cursor.completedThrough, now],
  );
}
