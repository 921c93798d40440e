// A review case as the console shows it: the case view the admin API always had (review-view.ts), plus each
// fired signal explained with what the store knows around it, both people side by side, the order's timeline
// in words and who decided what (the audit trail of `review:<id>` and the case's own decision). A signal that
// found the friend sharing an address, card, IP or device with the advocate names the advocate's orders that
// used it, read live from commercetools: the store keeps only hashes, never which order carried them.
import { latestOrdersOf } from '../../commercetools/people-access.js';
import type { Campaign } from '../../domain/campaign.js';
import { friendKeyOf, type PersonRef, splitPersonKey } from '../../domain/console/person-ref.js';
import { type EventInWords, eventInWords } from '../../domain/console/words.js';
import { advocateOrdersSharing, isAdvocateOrderSignal } from '../../domain/fraud/advocate-orders.js';
import { type ExplanationContext, explainSignal } from '../../domain/fraud/explain.js';
import {
  type PersonOrder,
  personOrders,
  type ReferralCounts,
  referralCounts,
  sharedReferralCounts,
} from '../../store/console-people.js';
import type { Queryable } from '../../store/db.js';
import type { FlowDeps } from '../deps.js';
import { type AuditEntry, readAuditTrail } from '../operator-audit.js';
import { loadReviewView, type ReviewView } from '../review-view.js';
import { resolvePeople } from './people.js';
import { type ConsoleQueueDeps, decidedOf, type ExplainedSignal, explainedSignals } from './review-queue.js';

const ORDERS_SHOWN = 10;
/** How far back the advocate's orders are searched for the one that shared the friend's address, card…: a bounded read. */
const ADVOCATE_ORDERS_SEARCHED = 20;

export type ConsoleCaseDeps = ConsoleQueueDeps &
  Pick<FlowDeps, 'logger'> & { config: Pick<FlowDeps['config'], 'hashKey' | 'paymentFingerprintField'> };

export interface PersonSummary extends PersonRef {
  orders: PersonOrder[];
  referrals: ReferralCounts;
}

export interface CaseDecision {
  /** `review.approved`, `review.rejected`, … as the audit trail names operator actions; `decided` for the case's own record. */
  action: string;
  by: string;
  at: Date;
  reason: string | null;
  source: 'audit' | 'case';
}

export interface ConsoleCase extends Omit<ReviewView, 'signals'> {
  orderNumber: string | null;
  signals: ExplainedSignal[];
  advocate: PersonSummary | null;
  friend: PersonSummary | null;
  timeline: EventInWords[];
  decisions: CaseDecision[];
  audit: AuditEntry[];
}

export async function loadConsoleCase(
  deps: ConsoleCaseDeps,
  reviewId: number,
  seesPersonalData: boolean,
  correlationId?: string,
): Promise<ConsoleCase | undefined> {
  const view = await loadReviewView(deps.db, reviewId, deps.campaigns);
  if (!view) return undefined;
  const advocateKey = view.referral.advocateKey ?? view.advocateKey;
  const friendKey = view.friendAccount ? friendKeyOf(view.friendAccount) : null;
  const [people, shared, audit, advocate, friend, advocateOrders] = await Promise.all([
    resolvePeople(deps, [advocateKey, friendKey], seesPersonalData),
    sharedReferralCounts(deps.db, view.orderId),
    readAuditTrail(deps.db, { subject: `review:${reviewId}`, limit: 50 }),
    summaryFacts(deps.db, advocateKey),
    summaryFacts(deps.db, friendKey),
    advocateOrdersBehindSignals(deps, view, correlationId),
  ]);
  const context: ExplanationContext = {
    sharedOrders: shared,
    repeatedAccountsWindowHours: repeatedAccountsWindow(deps.campaigns, view.campaignId),
  };
  const created = view.order.events.find((e) => e.type === 'order.created');
  const orderNumber = typeof created?.data.orderNumber === 'string' ? created.data.orderNumber : null;
  const withPerson = (ref: PersonRef | null, facts: Awaited<ReturnType<typeof summaryFacts>>) =>
    ref && facts ? { ...ref, ...facts } : null;
  return {
    ...view,
    orderNumber,
    signals: explainedSignals(view.signals, (fired) =>
      explainSignal(fired, {
        ...context,
        advocateOrderNumbers: isAdvocateOrderSignal(fired.signal) ? advocateOrders[fired.signal] : undefined,
      }),
    ),
    advocate: withPerson(people(advocateKey), advocate),
    friend: withPerson(people(friendKey), friend),
    timeline: view.order.events.map(eventInWords),
    decisions: decisionsOf(view, audit.entries),
    audit: audit.entries,
  };
}

/**
 * Per fired signal that compared the friend with the advocate, the advocate's recent orders carrying the value it
 * found shared. One commercetools read, and only for such a case; when commercetools fails the case still
 * shows, its words saying "before".
 */
async function advocateOrdersBehindSignals(
  deps: ConsoleCaseDeps,
  view: ReviewView,
  correlationId: string | undefined,
): Promise<ReturnType<typeof advocateOrdersSharing>> {
  const fired = view.signals as readonly { signal: string; evidence?: unknown }[];
  const customerId = advocateCustomerId(view);
  if (!customerId || !fired.some(({ signal }) => isAdvocateOrderSignal(signal))) return {};
  try {
    const orders = await latestOrdersOf(deps.commercetools, customerId, {
      limit: ADVOCATE_ORDERS_SEARCHED,
      paymentFingerprintField: deps.config.paymentFingerprintField,
    });
    const others = orders.filter((order) => order.id !== view.orderId);
    return advocateOrdersSharing(fired, others, deps.config.hashKey);
  } catch (error) {
    // Status and message only: the SDK's error carries the request, bearer token included.
    const { statusCode, message } = error as { statusCode?: number; message?: string };
    deps.logger.warn(
      { correlationId, reviewId: view.id, statusCode, reason: message },
      "the advocate's orders could not be read from commercetools; the case says the advocate used it before",
    );
    return {};
  }
}

function advocateCustomerId(view: ReviewView): string | undefined {
  const known = 'advocateCustomerId' in view.referral ? view.referral.advocateCustomerId : null;
  if (known) return known;
  const key = view.referral.advocateKey ?? view.advocateKey;
  if (!key) return undefined;
  const [kind, value] = splitPersonKey(key);
  return kind === 'customer' ? value : undefined;
}

async function summaryFacts(
  q: Queryable,
  key: string | null,
): Promise<{ orders: PersonOrder[]; referrals: ReferralCounts } | null> {
  if (!key) return null;
  const [kind, value] = splitPersonKey(key);
  const who = kind === 'customer' ? { customerId: value } : { emailHash: value };
  const [orders, referrals] = await Promise.all([
    personOrders(q, who, ORDERS_SHOWN),
    referralCounts(q, { advocateKey: key, friendAccounts: [value] }),
  ]);
  return { orders, referrals };
}

function repeatedAccountsWindow(campaigns: readonly Campaign[], campaignId: string): number | undefined {
  return campaigns.find((c) => c.id === campaignId)?.policy?.fraud.signals.repeatedAccounts.windowHours;
}

/** Operator actions on the case, newest first, and the case's own decision when no action recorded it. */
function decisionsOf(view: ReviewView, audit: readonly AuditEntry[]): CaseDecision[] {
  const decisions: CaseDecision[] = audit.map((entry) => ({
    action: entry.action,
    // The admin token acts for the person its caller named: show them, as the case row does.
    by: typeof entry.details?.decidedAs === 'string' ? entry.details.decidedAs : entry.operator.name,
    at: entry.at,
    reason: entry.reason,
    source: 'audit',
  }));
  const { decided } = decidedOf(view);
  if (decided && !decisions.some((d) => d.action.startsWith('review.')))
    decisions.push({
      action: decided.decision === 'approve' ? 'review.approved' : 'review.rejected',
      by: decided.by,
      at: decided.at,
      reason: decided.reason,
      source: 'case',
    });
  return decisions;
}
