// A review case as the console shows it: the case view the admin API always had (review-view.ts), plus each
// fired signal explained with what the store knows around it, both people side by side, the order's timeline
// in words and who decided what (the audit trail of `review:<id>` and the case's own decision).
import type { Campaign } from '../../domain/campaign.js';
import { friendKeyOf, type PersonRef, splitPersonKey } from '../../domain/console/person-ref.js';
import { type EventInWords, eventInWords } from '../../domain/console/words.js';
import { type ExplanationContext, explainSignal } from '../../domain/fraud/explain.js';
import {
  type PersonOrder,
  personOrders,
  type ReferralCounts,
  referralCounts,
  sharedReferralCounts,
} from '../../store/console-people.js';
import type { Queryable } from '../../store/db.js';
import { type AuditEntry, readAuditTrail } from '../operator-audit.js';
import { loadReviewView, type ReviewView } from '../review-view.js';
import { resolvePeople } from './people.js';
import { type ConsoleQueueDeps, decidedOf, type ExplainedSignal, explainedSignals } from './review-queue.js';

const ORDERS_SHOWN = 10;

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
  deps: ConsoleQueueDeps,
  reviewId: number,
  seesPersonalData: boolean,
): Promise<ConsoleCase | undefined> {
  const view = await loadReviewView(deps.db, reviewId, deps.campaigns);
  if (!view) return undefined;
  const advocateKey = view.referral.advocateKey ?? view.advocateKey;
  const friendKey = view.friendAccount ? friendKeyOf(view.friendAccount) : null;
  const [people, shared, audit, advocate, friend] = await Promise.all([
    resolvePeople(deps, [advocateKey, friendKey], seesPersonalData),
    sharedReferralCounts(deps.db, view.orderId),
    readAuditTrail(deps.db, { subject: `review:${reviewId}`, limit: 50 }),
    summaryFacts(deps.db, advocateKey),
    summaryFacts(deps.db, friendKey),
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
    signals: explainedSignals(view.signals, (fired) => explainSignal(fired, context)),
    advocate: withPerson(people(advocateKey), advocate),
    friend: withPerson(people(friendKey), friend),
    timeline: view.order.events.map(eventInWords),
    decisions: decisionsOf(view, audit.entries),
    audit: audit.entries,
  };
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
