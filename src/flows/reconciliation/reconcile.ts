// Reconciliation: per day (UTC) and store, the orders commercetools holds (by createdAt), what the connector
// recorded and reported of them, and what Friendbuy lists (its purchases, and the rewards it gave advocates
// against the reward ledger). Each difference is kept as a finding with its cause; what is safe to repair is
// repaired on the spot through the idempotent paths (a replayed first message, a dead letter retried), so running
// it again repairs nothing twice. A recurring job (daily in Connect) and `ct-friendbuy reconcile --since …`.
import type { Order } from '@commercetools/platform-sdk';
import { readModifiedPage } from '../../commercetools/modified-pages.js';
import { CodedError } from '../../domain/coded-error.js';
import { DAY_MS, earliest, latest } from '../../domain/durations.js';
import { hashEmail } from '../../domain/identity.js';
import { parsePointInTime } from '../../domain/point-in-time.js';
import {
  type Diagnosis,
  diagnoseOrder,
  type RepairAction,
  reportsReplayedOrder,
  rewardsUnknownHere,
} from '../../domain/reconciliation.js';
import { type AnalyticsRow, fetchAllAnalytics } from '../../friendbuy/analytics.js';
import { recordInboundBatch } from '../../store/inbox.js';
import { retryDeadJobs } from '../../store/outbox.js';
import {
  type Finding,
  firstDeliveryAt,
  type OrderRecords,
  readAdvocateRewards,
  readOrderRecords,
  saveFinding,
} from '../../store/reconciliation.js';
import { orderCreatedRecord } from '../backfill/backfill-messages.js';
import type { FlowDeps } from '../deps.js';
import { reconcileRewardCoupons } from './missing-coupons.js';

export interface ReconcileRequest {
  since: string;
  until?: string | undefined;
  storeKey?: string | undefined;
  /** Repair what is safe (default); false only reports. */
  repair?: boolean | undefined;
}

export interface DaySummary {
  day: string;
  storeKey: string | null;
  /** Orders commercetools holds, created that day in that store. */
  commercetoolsOrders: number;
  /** Of those, recorded by the connector (order.created) and reported to Friendbuy. */
  recorded: number;
  reported: number;
  findings: number;
}

export interface ReconciliationReport {
  since: string;
  until: string;
  days: DaySummary[];
  /** The differences found in this run, repaired or not. */
  findings: Finding[];
}

const PAGE_SIZE = 500;

/** Reconciles every day the window touches; fails with BadRequest (naming the field) on a window it cannot read. */
export async function reconcile(
  deps: FlowDeps,
  request: ReconcileRequest,
  correlationId: string,
): Promise<ReconciliationReport> {
  const now = deps.clock.now();
  const since = parsePointInTime(request.since, now);
  if (!since)
    throw new CodedError('BadRequest', `since: "${request.since}" is not a date, a date-time or a duration`);
  const until = request.until ? parsePointInTime(request.until, now) : now;
  if (!until)
    throw new CodedError('BadRequest', `until: "${request.until}" is not a date, a date-time or a duration`);
  if (since >= until) throw new CodedError('BadRequest', 'since: must be before until');
  // Orders placed before the connector was listening are a backfill's decision to report, not a repair's.
  const delivered = await firstDeliveryAt(deps.db);
  const firstDelivery = delivered ? new Date(delivered) : undefined;
  const days: DaySummary[] = [];
  const findings: Finding[] = [];
  for (let start = startOfDay(since); start < until; start = new Date(start.getTime() + DAY_MS)) {
    const window = {
      from: latest([start, since])!,
      to: earliest([new Date(start.getTime() + DAY_MS), until])!,
    };
    const day = await reconcileDay(
      deps,
      { ...window, storeKey: request.storeKey, repair: request.repair !== false, firstDelivery },
      correlationId,
    );
    days.push(...day.summaries);
    findings.push(...day.findings);
  }
  deps.logger.info(
    { since, until, findings: findings.length, repaired: findings.filter((f) => f.repairedAt).length },
    'reconciliation finished',
  );
  return { since: since.toISOString(), until: until.toISOString(), days, findings };
}

async function reconcileDay(
  deps: FlowDeps,
  window: {
    from: Date;
    to: Date;
    storeKey?: string | undefined;
    repair: boolean;
    firstDelivery?: Date | undefined;
  },
  correlationId: string,
): Promise<{ summaries: DaySummary[]; findings: Finding[] }> {
  const day = window.from.toISOString().slice(0, 10);
  const range = { fromDate: window.from, toDate: window.to };
  const [orders, listedPurchases, listedRewards] = await Promise.all([
    ordersCreatedIn(deps, window),
    fetchAllAnalytics(deps.friendbuy, 'purchases', range),
    fetchAllAnalytics(deps.friendbuy, 'distributed-advocate-rewards', range),
  ]);
  const listed = new Set(listedPurchases.flatMap((row) => (row.orderId ? [row.orderId] : [])));
  const records = new Map<string, OrderRecords>();
  for (let i = 0; i < orders.length; i += PAGE_SIZE)
    for (const record of await readOrderRecords(
      deps.db,
      orders.slice(i, i + PAGE_SIZE).map((o) => o.id),
    ))
      records.set(record.orderId, record);

  const summaries = new Map<string, DaySummary>();
  const findings: Finding[] = [];
  for (const order of orders) {
    const storeKey = order.store?.key ?? null;
    const summary = summaries.get(storeKey ?? '') ?? {
      day,
      storeKey,
      commercetoolsOrders: 0,
      recorded: 0,
      reported: 0,
      findings: 0,
    };
    summaries.set(storeKey ?? '', summary);
    const record = records.get(order.id)!;
    summary.commercetoolsOrders++;
    if (record.created) summary.recorded++;
    if (record.reported) summary.reported++;
    const diagnosis = diagnoseOrder(evidenceOf(order, record, listed));
    if (!diagnosis) continue;
    summary.findings++;
    const report = reportsReplayedOrder(new Date(order.createdAt), window.firstDelivery);
    const repair = window.repair
      ? await applyRepair(deps, order, diagnosis.repair, { report, correlationId })
      : undefined;
    findings.push(
      await saveFinding(
        deps.db,
        {
          day,
          storeKey,
          subject: `order:${order.id}`,
          cause: diagnosis.cause,
          detail: orderDetail(order, diagnosis),
          repair,
        },
        deps.clock.now(),
      ),
    );
  }

  const known = await readAdvocateRewards(deps.db, window);
  const { hashKey, emailRules } = deps.config;
  const sightings = listedRewards.map((row) => ({
    row,
    couponCode: row.couponCode,
    advocateCustomerId: row.advocateCustomerId,
    advocateEmailHash: row.advocateEmail ? hashEmail(row.advocateEmail, hashKey, emailRules) : undefined,
  }));
  const knownSightings = known.map((reward) => ({
    couponCode: reward.couponCode ?? undefined,
    advocateCustomerId: reward.advocateCustomerId ?? undefined,
    advocateEmailHash: reward.advocateEmailHash ?? undefined,
  }));
  for (const unknown of rewardsUnknownHere(sightings, knownSightings)) {
    findings.push(
      await saveFinding(
        deps.db,
        {
          day,
          storeKey: null,
          subject: `friendbuy-reward:${rewardSubject(unknown.row)}`,
          cause: 'reward-unknown-here',
          detail: rewardDetail(unknown.row, unknown.advocateEmailHash),
        },
        deps.clock.now(),
      ),
    );
  }
  findings.push(...(await reconcileRewardCoupons(deps, window, day)));
  return { summaries: [...summaries.values()], findings };
}

async function ordersCreatedIn(
  deps: FlowDeps,
  window: { from: Date; to: Date; storeKey?: string | undefined },
): Promise<Order[]> {
  const orders: Order[] = [];
  let after: { lastModifiedAt: string; id: string } | undefined;
  for (;;) {
    const page = await readModifiedPage<Order>(deps.commercetools, {
      resource: 'orders',
      since: window.from,
      until: window.to,
      storeKey: window.storeKey,
      after,
      limit: PAGE_SIZE,
    });
    orders.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return orders;
    after = { lastModifiedAt: last.lastModifiedAt, id: last.id };
  }
}

function evidenceOf(order: Order, record: OrderRecords, listed: ReadonlySet<string>) {
  const reported = record.reported ?? {};
  const friendbuyOrderId = String(reported.friendbuyOrderId ?? order.orderNumber ?? order.id);
  return {
    received: record.received,
    created: record.created,
    messageJob: record.messageJob ?? undefined,
    purchase: record.reported
      ? ('reported' as const)
      : record.settled
        ? ('settled' as const)
        : ('none' as const),
    referred: Boolean(reported.referralCode || reported.attributionId || reported.couponCode),
    purchaseJob: record.purchaseJob ?? undefined,
    refusedByFriendbuy: record.refused,
    listedByFriendbuy: listed.has(friendbuyOrderId),
  };
}

/** Makes the repair; returns what was done, as the finding records it. */
async function applyRepair(
  deps: FlowDeps,
  order: Order,
  repair: RepairAction | undefined,
  replay: { report: boolean; correlationId: string },
): Promise<string | undefined> {
  if (!repair) return undefined;
  const now = deps.clock.now();
  if (repair.kind === 'replay-order') {
    // The first message, rebuilt as a backfill does; reported like any delivered order (its job is unique per
    // order), unless it was placed before the connector listened: then it is history, as a backfill keeps it.
    const { report, correlationId } = replay;
    await recordInboundBatch(deps.db, [orderCreatedRecord(order, { runId: correlationId, report }, now)]);
    return report
      ? 'replayed the order through the delivered messages’ path'
      : 'replayed the order as history: placed before the connector received its first delivery';
  }
  const retried = await retryDeadJobs(deps.db, now, [repair.jobId]);
  return retried > 0 ? `retried dead-lettered job ${repair.jobId}` : undefined;
}

function orderDetail(order: Order, diagnosis: Diagnosis): Record<string, unknown> {
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    createdAt: order.createdAt,
    ...(diagnosis.repair?.kind === 'retry-job' ? { jobId: diagnosis.repair.jobId } : {}),
  };
}

/** Personal data stays out of findings: the advocate is named by customer id or email hash only. */
function rewardDetail(row: AnalyticsRow, advocateEmailHash: string | undefined): Record<string, unknown> {
  return {
    createdOn: row.createdOn,
    couponCode: row.couponCode,
    rewardType: row.rewardType,
    rewardAmount: row.rewardAmount,
    advocateCustomerId: row.advocateCustomerId,
    advocateEmailHash,
    campaignId: row.campaignId,
  };
}

function rewardSubject(row: AnalyticsRow): string {
  return row.couponCode?.toLowerCase() ?? `${row.advocateCustomerId ?? 'unknown'}@${row.createdOn}`;
}

function startOfDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}
