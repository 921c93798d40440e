// A review case as the operator deciding it sees it: the case, the order's timeline, the friend (their customer
// stream and other orders) and the referral with the advocate's other open cases. Read by the admin API.

import type { Campaign } from '../domain/campaign.js';
import { friendbuyAsksUntil } from '../domain/reward-hold.js';
import { nonEmptyText } from '../domain/text.js';
import { listCustomerOrders } from '../store/customer-orders.js';
import type { Queryable } from '../store/db.js';
import { readStream } from '../store/ledger.js';
import type { ReferralRow } from '../store/referrals.js';
import { findReview, listReviews, type ReviewRow } from '../store/reviews.js';
import { customerStream } from './deps.js';
import {
  loadOrderTimeline,
  type OrderTimeline,
  type TimelineEvent,
  timelineEvent,
} from './order-timeline.js';

/** Enough of the friend's and the advocate's history to judge a case; more is a link away (the timeline route). */
const RELATED_LIMIT = 50;

export interface ReviewView extends ReviewRow {
  /**
   * When Friendbuy stops asking the validation callback about this purchase (its campaign lets Friendbuy hold
   * the reward): decide before then, or Friendbuy never hears the answer. Null when there is no such deadline.
   */
  decideBy: Date | null;
  order: Omit<OrderTimeline, 'review' | 'referral'>;
  customer: {
    /** The friend's account as the fraud check knew it: a customer id, else a keyed email hash. */
    friendAccount: string | null;
    customerId: string | null;
    /** The friend's customer stream (`customer:<id>`); empty for a guest. */
    events: TimelineEvent[];
    /** The friend's other orders (not cancelled), newest first. */
    otherOrders: { orderId: string; createdAt: Date | null }[];
  };
  referral: (ReferralRow | { advocateKey: string | null }) & {
    /** The advocate's other open cases, oldest first. */
    advocateOpenReviews: Pick<ReviewRow, 'id' | 'orderId' | 'campaignId' | 'score' | 'openedAt'>[];
  };
}

/** The case with its context, or undefined when there is no case with this id. */
export async function loadReviewView(
  q: Queryable,
  reviewId: number,
  campaigns: readonly Campaign[] = [],
): Promise<ReviewView | undefined> {
  const review = await findReview(q, reviewId);
  if (!review) return undefined;
  const timeline = await loadOrderTimeline(q, review.orderId);
  const { review: _case, referral, ...order } = timeline!;
  const friend = friendOf(timeline!.events);
  const advocateKey = referral?.advocateKey ?? review.advocateKey;
  const [customerEvents, friendOrders, advocateReviews] = await Promise.all([
    friend.customerId ? readStream(q, customerStream(friend.customerId)) : [],
    listCustomerOrders(q, friend, RELATED_LIMIT + 1),
    advocateKey
      ? listReviews(q, { status: 'open', advocateKey, limit: RELATED_LIMIT + 1 })
      : { reviews: [], next: null },
  ]);
  const hold = campaigns.find((c) => c.id === review.campaignId)?.policy?.rewardHold;
  const reported = timeline!.events.find((e) => e.type === 'purchase.reported');
  const decideBy = hold && friendbuyAsksUntil(hold, reported && new Date(reported.occurredAt));
  return {
    ...review,
    decideBy: decideBy ?? null,
    order,
    customer: {
      friendAccount: review.friendAccount,
      customerId: friend.customerId ?? null,
      events: customerEvents.map(timelineEvent),
      otherOrders: friendOrders.filter((o) => o.orderId !== review.orderId).slice(0, RELATED_LIMIT),
    },
    referral: {
      ...(referral ?? { advocateKey }),
      advocateOpenReviews: advocateReviews.reviews
        .filter((other) => other.id !== review.id)
        .slice(0, RELATED_LIMIT)
        .map(({ id, orderId, campaignId, score, openedAt }) => ({
          id,
          orderId,
          campaignId,
          score,
          openedAt,
        })),
    },
  };
}

/** Who placed the order, as its `order.created` fact recorded them (customer id, keyed email hash). */
function friendOf(events: readonly TimelineEvent[]): { customerId?: string; emailHash?: string } {
  const created = events.find((event) => event.type === 'order.created')?.data ?? {};
  const customerId = nonEmptyText(created.customerId);
  const emailHash = nonEmptyText(created.emailHash);
  return { ...(customerId ? { customerId } : {}), ...(emailHash ? { emailHash } : {}) };
}
