// Everything the connector knows of one order, for an operator: the order's ledger stream and the streams of the
// rewards it earned or redeemed, merged in the order things happened, next to its eligibility, fraud referral
// and review case. Read by the admin API (the order timeline and the review case view).
import { rewardStream } from '../domain/reward-events.js';
import type { Queryable } from '../store/db.js';
import { type LedgerEvent, readStream } from '../store/ledger.js';
import { findOrderEligibility, type OrderEligibilityRow } from '../store/order-eligibility.js';
import { findReferral, type ReferralRow } from '../store/referrals.js';
import { findReviewOfOrder, type ReviewRow } from '../store/reviews.js';
import { listOrderRewards, type RewardRow } from '../store/rewards.js';
import { orderStream } from './deps.js';

export type TimelineEvent = Pick<
  LedgerEvent,
  'stream' | 'seq' | 'type' | 'data' | 'occurredAt' | 'recordedAt' | 'correlationId' | 'hash'
>;

export type TimelineReward = Pick<
  RewardRow,
  | 'rewardId'
  | 'kind'
  | 'state'
  | 'amount'
  | 'unit'
  | 'couponCode'
  | 'orderId'
  | 'redeemedOrderId'
  | 'issuedAt'
>;

export interface OrderTimeline {
  orderId: string;
  events: TimelineEvent[];
  eligibility: OrderEligibilityRow | null;
  /** Rewards the order earned (the advocate's) or redeemed. */
  rewards: TimelineReward[];
  review: ReviewRow | null;
  referral: ReferralRow | null;
}

/**
 * The order's timeline, or undefined when the connector knows nothing of the order.
 * @example const timeline = await loadOrderTimeline(db, orderId); // timeline?.events[0].stream === `order:${orderId}`
 */
export async function loadOrderTimeline(q: Queryable, orderId: string): Promise<OrderTimeline | undefined> {
  const [orderEvents, rewards, eligibility, review, referral] = await Promise.all([
    readStream(q, orderStream(orderId)),
    listOrderRewards(q, orderId),
    findOrderEligibility(q, orderId),
    findReviewOfOrder(q, orderId),
    findReferral(q, orderId),
  ]);
  const rewardEvents = await Promise.all(
    rewards.map((reward) => readStream(q, rewardStream(reward.rewardId))),
  );
  const events = [...orderEvents, ...rewardEvents.flat()].sort(byTime);
  if (events.length === 0 && rewards.length === 0 && !eligibility && !review && !referral) return undefined;
  return {
    orderId,
    events: events.map(timelineEvent),
    eligibility: eligibility ?? null,
    rewards: rewards.map((reward) => ({
      rewardId: reward.rewardId,
      kind: reward.kind,
      state: reward.state,
      amount: reward.amount,
      unit: reward.unit,
      couponCode: reward.couponCode,
      orderId: reward.orderId,
      redeemedOrderId: reward.redeemedOrderId,
      issuedAt: reward.issuedAt,
    })),
    review: review ?? null,
    referral: referral ?? null,
  };
}

/** What an operator reads of a ledger event (not its row id, dedup key or previous hash). */
export function timelineEvent(event: LedgerEvent): TimelineEvent {
  const { stream, seq, type, data, occurredAt, recordedAt, correlationId, hash } = event;
  return { stream, seq, type, data, occurredAt, recordedAt, correlationId, hash };
}

// When it happened first; facts can be recorded late (commercetools delivers unordered), so recording time and
// then the ledger's own insertion order only break ties.
function byTime(a: LedgerEvent, b: LedgerEvent): number {
  return (
    new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime() ||
    new Date(a.recordedAt).getTime() - new Date(b.recordedAt).getTime() ||
    Number(a.id) - Number(b.id)
  );
}
