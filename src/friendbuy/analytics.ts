// Friendbuy's analytics GETs (reference §2.2 pagination, §2.7 fields): referral shares, clicks, sign-ups and
// purchases, page by page. The first page names the date range; each next page is asked for by the token the
// previous one returned, with range and page size locked to the first request. No token means the end.
import { z } from 'zod';
import type { MapiClient } from './mapi-client.js';

export const ANALYTICS_KINDS = ['shares', 'clicks', 'account-sign-ups', 'purchases'] as const;
export type AnalyticsKind = (typeof ANALYTICS_KINDS)[number];
/** Read by reconciliation only: the rewards Friendbuy gave advocates (not rejected ones). */
export type ListedKind = AnalyticsKind | 'distributed-advocate-rewards';

const text = z.string().optional().catch(undefined);

/** One row of any of the four endpoints; fields not sent by an endpoint stay undefined. */
export const analyticsRowSchema = z.looseObject({
  createdOn: z.string(),
  campaignId: text,
  referralCode: text,
  channel: text,
  advocateCustomerId: text,
  advocateEmail: text,
  // Sign-ups and purchases: the friend.
  customerId: text,
  email: text,
  newCustomer: z.boolean().optional().catch(undefined),
  // Purchases.
  orderId: text,
  couponCode: text,
  amount: z.number().optional().catch(undefined),
  // Distributed advocate rewards.
  rewardType: text,
  rewardAmount: z.union([z.number(), z.string()]).optional().catch(undefined),
});
export type AnalyticsRow = z.infer<typeof analyticsRowSchema>;

const pageSchema = z.object({
  nextPageToken: z.string().min(1).optional().nullable(),
  totalResults: z.number().optional(),
  results: z.array(analyticsRowSchema),
});

export interface AnalyticsPage {
  nextPageToken?: string | undefined;
  results: AnalyticsRow[];
}

export type AnalyticsPageRequest =
  | { fromDate: Date; toDate: Date; pageSize?: number | undefined }
  | { pageToken: string };

/**
 * @example
 * let page = await fetchAnalyticsPage(friendbuy, 'clicks', { fromDate, toDate });
 * while (page.nextPageToken) page = await fetchAnalyticsPage(friendbuy, 'clicks', { pageToken: page.nextPageToken });
 */
export async function fetchAnalyticsPage(
  friendbuy: Pick<MapiClient, 'get'>,
  kind: ListedKind,
  request: AnalyticsPageRequest,
): Promise<AnalyticsPage> {
  const query =
    'pageToken' in request
      ? { pageToken: request.pageToken }
      : {
          fromDate: request.fromDate.toISOString(),
          toDate: request.toDate.toISOString(),
          pageSize: request.pageSize === undefined ? undefined : String(request.pageSize),
        };
  const page = await friendbuy.get(`/v1/analytics/${kind}`, query, pageSchema);
  return { nextPageToken: page.nextPageToken ?? undefined, results: page.results };
}

/**
 * Every row of a fixed date range, page after page (the transport backs off on 429). A range with more than
 * `maxPages` pages fails instead of answering with part of it: a caller comparing against it (reconciliation)
 * would take every row it did not read for one Friendbuy never had.
 */
export async function fetchAllAnalytics(
  friendbuy: Pick<MapiClient, 'get'>,
  kind: ListedKind,
  range: { fromDate: Date; toDate: Date },
  maxPages = 500,
): Promise<AnalyticsRow[]> {
  const rows: AnalyticsRow[] = [];
  let page = await fetchAnalyticsPage(friendbuy, kind, { ...range, pageSize: 1000 });
  rows.push(...page.results);
  for (let pages = 1; page.nextPageToken; pages++) {
    if (pages >= maxPages)
      throw new Error(
        `Friendbuy's ${kind} from ${range.fromDate.toISOString()} to ${range.toDate.toISOString()} run past ` +
          `${maxPages} pages (${rows.length} rows read): ask for a shorter range`,
      );
    page = await fetchAnalyticsPage(friendbuy, kind, { pageToken: page.nextPageToken });
    rows.push(...page.results);
  }
  return rows;
}
