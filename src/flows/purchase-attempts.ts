// At most once where Friendbuy cannot deduplicate: a purchase has no documented idempotency key, so every call
// is put on the order's ledger before it is made (`purchase.attempted`) and its failure after it
// (`purchase.attempt-failed`, ambiguous or not). An attempt with no known outcome — a timeout, a dropped
// connection, a 5xx, or a crash between sending and recording — may have been counted. Before sending again, the
// next attempt looks for the purchase in Friendbuy's analytics, and sends only when it is still not there after
// FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES (Friendbuy lists referred purchases only, and not at once).
import { type AnalyticsRow, fetchAnalyticsPage } from '../friendbuy/analytics.js';
import { FriendbuyApiError } from '../friendbuy/api-error.js';
import { appendEvent, type LedgerEvent } from '../store/ledger.js';
import { type FlowDeps, orderStream } from './deps.js';
import { NotYet } from './job.js';

export type ResendDecision =
  | { kind: 'send'; attempt: number }
  | { kind: 'found'; row: AnalyticsRow }
  | { kind: 'wait'; until: Date; ambiguousSince: Date };

interface Attempts {
  count: number;
  /** When the attempts whose outcome is unknown were made, oldest first. */
  unresolved: Date[];
}

// Friendbuy stamps the purchase when it receives it: search from a little before our first unresolved call.
const SEARCH_MARGIN_MS = 60 * 60_000;
const MAX_PAGES = 50;

/** The purchase calls made for an order, from its ledger stream as the caller already read it. */
export function purchaseAttemptsOf(events: readonly LedgerEvent[]): Attempts {
  const made = new Map<number, Date>();
  const settled = new Set<number>();
  for (const event of events) {
    const attempt = Number(event.data.attempt);
    if (event.type === 'purchase.attempted') made.set(attempt, new Date(event.occurredAt));
    if (event.type === 'purchase.attempt-failed' && event.data.ambiguous === false) settled.add(attempt);
  }
  const unresolved = [...made].filter(([attempt]) => !settled.has(attempt)).map(([, at]) => at);
  return { count: made.size, unresolved: unresolved.sort((a, b) => a.getTime() - b.getTime()) };
}

/** Whether to call Friendbuy now, record the purchase Friendbuy already lists, or wait for evidence. */
export async function decideResend(
  deps: FlowDeps,
  attempts: Attempts,
  friendbuyOrderId: string,
): Promise<ResendDecision> {
  const next = { kind: 'send', attempt: attempts.count + 1 } as const;
  const [first, ...rest] = attempts.unresolved;
  if (!first) return next;
  const now = deps.clock.now();
  const row = await findListedPurchase(deps, friendbuyOrderId, {
    fromDate: new Date(first.getTime() - SEARCH_MARGIN_MS),
    toDate: new Date(now.getTime() + SEARCH_MARGIN_MS),
  });
  if (row) return { kind: 'found', row };
  const last = rest.at(-1) ?? first;
  const until = new Date(last.getTime() + deps.config.friendbuy.purchaseResendAfterMinutes * 60_000);
  return now >= until ? next : { kind: 'wait', until, ambiguousSince: first };
}

async function findListedPurchase(
  deps: FlowDeps,
  friendbuyOrderId: string,
  range: { fromDate: Date; toDate: Date },
): Promise<AnalyticsRow | undefined> {
  let page = await fetchAnalyticsPage(deps.friendbuy, 'purchases', { ...range, pageSize: 200 });
  for (let pages = 1; ; pages++) {
    const row = page.results.find((candidate) => candidate.orderId === friendbuyOrderId);
    if (row) return row;
    if (!page.nextPageToken || pages >= MAX_PAGES) return undefined;
    page = await fetchAnalyticsPage(deps.friendbuy, 'purchases', { pageToken: page.nextPageToken });
  }
}

/** Puts the attempt on the ledger, committed, before the call is made: a crash after sending leaves a trace. */
export async function recordPurchaseAttempt(
  deps: FlowDeps,
  orderId: string,
  attempt: number,
  correlationId: string | undefined,
): Promise<void> {
  await appendAttemptFact(deps, orderId, 'purchase.attempted', { attempt }, correlationId);
}

/** Records how an attempt failed; an ambiguous one is counted and logged, as it may have reached Friendbuy. */
export async function recordPurchaseAttemptFailure(
  deps: FlowDeps,
  orderId: string,
  attempt: number,
  error: unknown,
  correlationId: string | undefined,
): Promise<void> {
  const ambiguous = !(error instanceof FriendbuyApiError) || error.ambiguous;
  const reason = error instanceof Error ? error.message : String(error);
  // `retryable: false` is Friendbuy refusing the purchase itself (reconciliation does not send it again).
  const retryable = !(error instanceof FriendbuyApiError) || error.retryable;
  const data = { attempt, ambiguous, retryable, reason: reason.slice(0, 500) };
  await appendAttemptFact(deps, orderId, 'purchase.attempt-failed', data, correlationId);
  if (ambiguous)
    deps.logger.warn(
      { orderId, attempt, reason },
      'purchase call outcome unknown; it is not sent again until Friendbuy is checked for it',
    );
}

// Each fact is committed on its own, at once: the attempt must be durable before the call it announces.
async function appendAttemptFact(
  deps: FlowDeps,
  orderId: string,
  type: 'purchase.attempted' | 'purchase.attempt-failed',
  data: { attempt: number } & Record<string, unknown>,
  correlationId: string | undefined,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction((tx) =>
    appendEvent(
      tx,
      {
        stream: orderStream(orderId),
        type,
        data,
        dedupKey: `${type}:${orderId}:${data.attempt}`,
        correlationId,
        occurredAt: now,
      },
      now,
    ),
  );
}

/** Not yet: an ambiguous purchase is neither listed by Friendbuy nor old enough to send again. */
export class AwaitingPurchaseEvidence extends NotYet {
  constructor(orderId: string, decision: Extract<ResendDecision, { kind: 'wait' }>) {
    super(
      'AwaitingPurchaseEvidence',
      `purchase of order ${orderId} may have reached Friendbuy at ${decision.ambiguousSince.toISOString()}; ` +
        `not listed there yet, so not sent again before ${decision.until.toISOString()}`,
    );
  }
}
