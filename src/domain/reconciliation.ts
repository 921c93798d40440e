// What a reconciliation concludes about one order or one reward from what commercetools, the connector's own
// records and Friendbuy each say: a difference has one cause, and a repair when one is safe to make without a
// person (replaying through the idempotent path cannot double a purchase; everything else is left as a finding).

export type FindingCause =
  /** commercetools holds the order; the connector never recorded its OrderCreated. */
  | 'never-delivered'
  /** Its processing or its purchase report gave up after retrying (outbox dead letter). */
  | 'dead-lettered'
  /** Friendbuy refused the purchase as invalid: sending it again would fail the same way. */
  | 'rejected-by-friendbuy'
  /** Reported, carrying a referral, yet Friendbuy does not list it among its referred purchases. */
  | 'reported-but-absent'
  /** Friendbuy lists a reward it gave an advocate that the reward ledger never heard of. */
  | 'reward-unknown-here'
  /** A reward's coupon that should be usable is no longer a discount code in commercetools. */
  | 'coupon-missing';

export type RepairAction =
  /** Record the order's first message again (backfill's path): processing and reporting follow. */
  | { kind: 'replay-order' }
  /** Put the dead-lettered job back in the queue. */
  | { kind: 'retry-job'; jobId: number };

export interface OrderEvidence {
  /** The connector recorded the order's first message (OrderCreated; its inbox). */
  received: boolean;
  /** The order's ledger has `order.created`. */
  created: boolean;
  /** The job that processes its first message, when it has one. */
  messageJob?: JobEvidence | undefined;
  /** Reported, skipped on purpose, held for a return window, or none of these yet. */
  purchase: 'reported' | 'settled' | 'none';
  /** The reported purchase carried a referral clue, so Friendbuy should list it. */
  referred: boolean;
  purchaseJob?: JobEvidence | undefined;
  /** The last failed purchase call was a definite refusal (not an ambiguous one). */
  refusedByFriendbuy: boolean;
  /** Friendbuy's purchases analytics list it. */
  listedByFriendbuy: boolean;
}

export interface JobEvidence {
  id: number;
  status: 'pending' | 'done' | 'dead';
}

export interface Diagnosis {
  cause: FindingCause;
  repair?: RepairAction | undefined;
}

/**
 * The difference an order shows, if any; work still in the queue is not a difference yet.
 * @example diagnoseOrder({ received: false, ... }) // { cause: 'never-delivered', repair: { kind: 'replay-order' } }
 */
export function diagnoseOrder(order: OrderEvidence): Diagnosis | undefined {
  if (!order.received) return { cause: 'never-delivered', repair: { kind: 'replay-order' } };
  if (!order.created) {
    return order.messageJob?.status === 'dead'
      ? { cause: 'dead-lettered', repair: { kind: 'retry-job', jobId: order.messageJob.id } }
      : undefined;
  }
  if (order.purchase === 'reported')
    return order.referred && !order.listedByFriendbuy ? { cause: 'reported-but-absent' } : undefined;
  if (order.purchase === 'settled' || order.purchaseJob?.status !== 'dead') return undefined;
  if (order.refusedByFriendbuy) return { cause: 'rejected-by-friendbuy' };
  return { cause: 'dead-lettered', repair: { kind: 'retry-job', jobId: order.purchaseJob.id } };
}

/** A reward as Friendbuy lists it and as the reward ledger knows it, matched by coupon code or advocate. */
export interface RewardSighting {
  couponCode?: string | undefined;
  advocateCustomerId?: string | undefined;
  advocateEmailHash?: string | undefined;
}

/**
 * Friendbuy's rewards the ledger does not know: matched by coupon code (case-insensitive: Friendbuy lowercases
 * codes), else one for one by advocate (customer id or email hash), as the listing carries no reward id.
 */
export function rewardsUnknownHere<T extends RewardSighting>(
  friendbuy: readonly T[],
  known: readonly RewardSighting[],
): T[] {
  const codes = new Set(
    known.flatMap((reward) => (reward.couponCode ? [reward.couponCode.toLowerCase()] : [])),
  );
  const byAdvocate = new Map<string, number>();
  const advocateKey = (reward: RewardSighting) => reward.advocateCustomerId ?? reward.advocateEmailHash;
  for (const reward of known) {
    const key = advocateKey(reward);
    if (key) byAdvocate.set(key, (byAdvocate.get(key) ?? 0) + 1);
  }
  return friendbuy.filter((reward) => {
    if (reward.couponCode) return !codes.has(reward.couponCode.toLowerCase());
    const key = advocateKey(reward);
    const left = key ? (byAdvocate.get(key) ?? 0) : 0;
    if (key && left > 0) byAdvocate.set(key, left - 1);
    return left === 0;
  });
}

/** Messages in flight when the connector started listening may have been lost too. */
const LISTENING_MARGIN_MS = 3_600_000;

/**
 * Whether an order replayed by a repair is reported to Friendbuy: only when it was placed while the connector was
 * listening (since its first delivery, less an hour); an older one is history, a backfill's decision to report.
 * @example reportsReplayedOrder(new Date('2026-03-01T09:30Z'), new Date('2026-03-01T10:00Z')) // true
 */
export function reportsReplayedOrder(createdAt: Date, firstDelivery: Date | undefined): boolean {
  return firstDelivery !== undefined && createdAt.getTime() >= firstDelivery.getTime() - LISTENING_MARGIN_MS;
}
