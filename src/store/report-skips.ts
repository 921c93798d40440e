// The `report.skipped` facts on the ledger: a report to Friendbuy the connector decided not to send, with why.
import type { Queryable } from './db.js';

export const REPORT_SKIPPED = 'report.skipped';

/**
 * How many reports were skipped, by report and reason.
 * @example await countSkippedReports(db) // { 'status:noEmail': 2, 'purchase:recurringOrder': 1 }
 */
export async function countSkippedReports(q: Queryable): Promise<Record<string, number>> {
  const result = await q.query<{ report: string; reason: string; count: number }>(
    `SELECT data ->> 'report' AS report, data ->> 'reason' AS reason, count(*)::int AS count
     FROM ledger WHERE type = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [REPORT_SKIPPED],
  );
  return Object.fromEntries(result.rows.map((row) => [`${row.report}:${row.reason}`, Number(row.count)]));
}
