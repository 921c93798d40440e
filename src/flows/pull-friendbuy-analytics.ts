// The scheduled pull of Friendbuy analytics (shares, clicks, account sign-ups, purchases) into advocate funnels.
// A recurring job (every FRIENDBUY_ANALYTICS_PULL_MINUTES in the connector, or on its cron as a Connect job): a
// run reads every kind from where its cursor stands, page by page, recording each page's events and the cursor
// in one transaction. A failing kind is logged and picked up again by the next run, so the timer never
// dead-letters itself.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import { hashEmail } from '../domain/identity.js';
import type { FunnelStep } from '../domain/referral-funnel.js';
import {
  ANALYTICS_KINDS,
  type AnalyticsKind,
  type AnalyticsRow,
  fetchAnalyticsPage,
} from '../friendbuy/analytics.js';
import { FriendbuyApiError } from '../friendbuy/api-error.js';
import type { Logger } from '../logger.js';
import {
  type AnalyticsCursor,
  readAnalyticsCursor,
  saveAnalyticsCursor,
} from '../store/analytics-cursors.js';
import type { Queryable } from '../store/db.js';
import { findOrderReportedAs } from '../store/order-history.js';
import { rememberReferralCode } from '../store/referral-codes.js';
import { recordFunnelStep } from './advocate-funnel.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { resolveAdvocate } from './resolve-advocate.js';

const DAY_MS = 24 * 3_600_000;
/** How far back the very first pull reaches. */
const FIRST_WINDOW_MS = 7 * DAY_MS;
/** Friendbuy may record an event after a window was read; windows overlap and the ledger drops repeats. */
const OVERLAP_MS = 3_600_000;

export interface PullOptions {
  /** Rows per page; Friendbuy's default (200) when unset. */
  pageSize?: number | undefined;
  /** Pages per kind per run; the rest waits for the next run (the cursor keeps the place). */
  maxPagesPerRun?: number | undefined;
}

const STEP_OF: Record<AnalyticsKind, FunnelStep> = {
  shares: 'share',
  clicks: 'click',
  'account-sign-ups': 'sign-up',
  purchases: 'purchase',
};

export function createAnalyticsPuller(
  deps: FlowDeps,
  options: PullOptions = {},
): HandlerOf<typeof JOB.analyticsPull> {
  return async (_payload, { job, logger }) => {
    await pullFriendbuyAnalytics(deps, logger, job.correlationId ?? undefined, options);
  };
}

/**
 * Pulls every kind now, from where its cursor stands (the timer's job, an operator's `analytics pull`, or the
 * sandbox after the emulated Friendbuy saw a click). Returns the funnel steps recorded per kind; a failing
 * kind is logged, counted as null, and resumed by the next pull.
 */
export async function pullFriendbuyAnalytics(
  deps: FlowDeps,
  logger: Logger,
  correlationId?: string | undefined,
  options: PullOptions = {},
): Promise<Record<AnalyticsKind, number | null>> {
  const recordedByKind = {} as Record<AnalyticsKind, number | null>;
  for (const kind of ANALYTICS_KINDS) {
    try {
      const recorded = await pullKind(deps, kind, options, logger, correlationId);
      recordedByKind[kind] = recorded;
      logger.info({ kind, recorded }, 'Friendbuy analytics pulled');
    } catch (error) {
      recordedByKind[kind] = null;
      logger.error({ err: error, kind }, 'Friendbuy analytics pull failed; the next run resumes it');
    }
  }
  return recordedByKind;
}

/** Reads one kind, a bounded number of pages; returns how many funnel steps it recorded. */
async function pullKind(
  deps: FlowDeps,
  kind: AnalyticsKind,
  options: PullOptions,
  logger: Logger,
  correlationId: string | undefined,
): Promise<number> {
  let cursor = await readAnalyticsCursor(deps.db, kind);
  let recorded = 0;
  for (let page = 0; page < (options.maxPagesPerRun ?? 50); page++) {
    const now = deps.clock.now();
    if (!cursor.windowFrom || !cursor.windowTo) {
      const from = cursor.completedThrough
        ? new Date(cursor.completedThrough.getTime() - OVERLAP_MS)
        : new Date(now.getTime() - FIRST_WINDOW_MS);
      cursor = { ...cursor, windowFrom: from, windowTo: now, pageToken: null };
    }
    const window = { fromDate: cursor.windowFrom!, toDate: cursor.windowTo!, pageSize: options.pageSize };
    let result: Awaited<ReturnType<typeof fetchAnalyticsPage>>;
    try {
      result = await fetchAnalyticsPage(
        deps.friendbuy,
        kind,
        cursor.pageToken ? { pageToken: cursor.pageToken } : window,
      );
    } catch (error) {
      // A page token Friendbuy no longer accepts: read the window again from its start (repeats are dropped).
      if (!(error instanceof FriendbuyApiError) || error.retryable || !cursor.pageToken) throw error;
      logger.warn(
        { kind, status: error.status },
        'Friendbuy refused the saved page token; rereading the window',
      );
      cursor = { ...cursor, pageToken: null };
      continue;
    }
    const next: AnalyticsCursor = result.nextPageToken
      ? { ...cursor, pageToken: result.nextPageToken }
      : { kind, windowFrom: null, windowTo: null, pageToken: null, completedThrough: cursor.windowTo };
    await deps.db.transaction(async (tx) => {
      for (const row of result.results) if (await recordRow(deps, tx, kind, row, correlationId)) recorded++;
      await saveAnalyticsCursor(tx, next, deps.clock.now());
    });
    cursor = next;
    if (!result.nextPageToken) break;
  }
  return recorded;
}

async function recordRow(
  deps: FlowDeps,
  tx: Queryable,
  kind: AnalyticsKind,
  row: AnalyticsRow,
  correlationId: string | undefined,
): Promise<boolean> {
  const { hashKey, emailRules } = deps.config;
  const hash = (email: string | undefined) => (email ? hashEmail(email, hashKey, emailRules) : undefined);
  const named = { customerId: row.advocateCustomerId, emailHash: hash(row.advocateEmail) };
  const now = deps.clock.now();
  // Shares and clicks name the advocate behind a code: what the cart extension needs for self-referrals.
  if (row.referralCode && (named.customerId || named.emailHash))
    await rememberReferralCode(
      tx,
      {
        code: row.referralCode,
        campaignId: row.campaignId,
        advocateCustomerId: named.customerId,
        advocateEmailHash: named.emailHash,
        source: `analytics:${kind}`,
      },
      now,
    );
  const resolved = await resolveAdvocate(tx, {
    advocate: named.customerId || named.emailHash ? named : undefined,
    referralCode: row.referralCode,
    couponCodes: row.couponCode ? [row.couponCode] : [],
  });
  if (!resolved) return false;
  const commercetoolsOrderId = row.orderId ? await findOrderReportedAs(tx, row.orderId) : undefined;
  const step = STEP_OF[kind];
  // Rows carry no id (§2.7): sign-ups are one per friend, purchases one per order, the rest one per row.
  const naturalKey =
    (step === 'sign-up' && row.customerId) ||
    (step === 'purchase' && row.orderId) ||
    createHash('sha256')
      .update(canonicalJson({ kind, ...row }))
      .digest('hex')
      .slice(0, 40);
  return recordFunnelStep(
    tx,
    resolved.advocate,
    {
      step,
      naturalKey,
      data: {
        source: 'friendbuy',
        campaignId: row.campaignId,
        channel: row.channel,
        referralCode: row.referralCode,
        matchedBy: resolved.matchedBy,
        friendCustomerId: row.customerId,
        friendEmailHash: hash(row.email),
        newCustomer: row.newCustomer,
        friendbuyOrderId: row.orderId,
        orderId: commercetoolsOrderId,
        couponCode: row.couponCode,
        amount: row.amount,
      },
      occurredAt: Number.isNaN(Date.parse(row.createdOn)) ? now : new Date(row.createdOn),
      correlationId,
    },
    now,
  );
}

export const analyticsPullJob = defineJob({
  kind: JOB.analyticsPull,
  handler: createAnalyticsPuller,
  // Connect job applications run on a cron; every 15 minutes matches FRIENDBUY_ANALYTICS_PULL_MINUTES' default.
  schedule: { everyMs: (config) => config.analytics.pullMinutes * 60_000, cron: '*/15 * * * *' },
});
