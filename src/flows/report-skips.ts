// A report to Friendbuy that the connector decides not to send is never dropped silently: the skip is a fact on
// the order's ledger stream (`report.skipped`, with its reason), so it shows on the order's timeline, and the
// facts are counted per report and reason for operators (GET /admin/api/reports/skipped).
import type { Queryable } from '../store/db.js';
import { appendEvent } from '../store/ledger.js';
import { REPORT_SKIPPED } from '../store/report-skips.js';
import { orderStream } from './deps.js';

export { countSkippedReports, REPORT_SKIPPED } from '../store/report-skips.js';

/** Why a report was not sent; the names are what operators read on the timeline and in the counts. */
export type SkipReason =
  | 'missingCustomerIdentity'
  | 'currencyMismatch'
  | 'noEmail'
  | 'statusNotEnabled'
  | 'recurringOrder'
  /** Found by a backfill before its reporting window (`--report-since`): recorded for history only. */
  | 'historicalOrder';

export interface ReportSkip {
  orderId: string;
  report: 'purchase' | 'status';
  /** The order status, for status reports. */
  status?: string | undefined;
  reason: SkipReason;
  message: string;
  correlationId?: string | undefined;
}

/** Appends the skip once per order and report (and status); returns whether it was new. */
export async function recordReportSkipped(tx: Queryable, skip: ReportSkip, now: Date): Promise<boolean> {
  const { orderId, report, status, reason, message, correlationId } = skip;
  const recorded = await appendEvent(
    tx,
    {
      stream: orderStream(orderId),
      type: REPORT_SKIPPED,
      data: { report, ...(status ? { status } : {}), reason, message },
      dedupKey: `${REPORT_SKIPPED}:${orderId}:${report}${status ? `:${status}` : ''}`,
      correlationId,
      occurredAt: now,
    },
    now,
  );
  return recorded !== undefined;
}
