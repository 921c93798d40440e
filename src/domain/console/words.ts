// The console's sentences: an order's ledger events, a reward's state and its history, each in words a
// customer-service agent can read out ("Held: the friend's order can still be returned until 12 March").
// Pure: each takes the recorded data and returns text; an unknown event keeps its type, never disappears.
import { explainSignal } from '../fraud/explain.js';
import { formatAmountTextForFriendbuy } from '../money.js';
import type { RewardState } from '../reward-state.js';

export interface EventLike {
  type: string;
  data?: Record<string, unknown> | undefined;
  occurredAt: Date | string;
}

export interface EventInWords {
  type: string;
  at: string;
  summary: string;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
const day = (value: unknown): string | undefined => {
  const text = str(value);
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString().slice(0, 10) : undefined;
};

/** `{centAmount: 2500, currencyCode: 'USD', fractionDigits: 2}` as `25.00 USD`; undefined for anything else. */
export function moneyInWords(value: unknown): string | undefined {
  const m = value as { centAmount?: unknown; currencyCode?: unknown; fractionDigits?: unknown } | undefined;
  if (!m || !Number.isSafeInteger(m.centAmount) || typeof m.currencyCode !== 'string') return undefined;
  const fractionDigits = typeof m.fractionDigits === 'number' ? m.fractionDigits : 2;
  try {
    const money = { centAmount: m.centAmount as number, currencyCode: m.currencyCode, fractionDigits };
    return `${formatAmountTextForFriendbuy(money)} ${m.currencyCode}`;
  } catch {
    return undefined; // fraction digits commercetools would never send
  }
}

type Describe = (data: Record<string, unknown>) => string;

const REASONS: Readonly<Record<string, string>> = {
  review: 'a fraud review',
  returnWindow: 'the return window',
  reported: 'the purchase report',
};

const ORDER_EVENTS: Readonly<Record<string, Describe>> = {
  'order.created': (d) => {
    const total = moneyInWords(d.total);
    const number = str(d.orderNumber);
    return `order ${number ?? ''} placed${total ? ` for ${total}` : ''}${str(d.storeKey) ? ` in store ${d.storeKey}` : ''}`.replace(
      '  ',
      ' ',
    );
  },
  'order.state-changed': (d) => `order state changed to ${str(d.orderState) ?? 'unknown'}`,
  'order.shipment-state-changed': (d) => `shipment state changed to ${str(d.shipmentState) ?? 'unknown'}`,
  'order.payment-state-changed': (d) => `payment state changed to ${str(d.paymentState) ?? 'unknown'}`,
  'order.return-added': () => 'items were returned',
  'order.return-set': () => 'the returned items were updated',
  'order.refund-transaction': (d) =>
    `refund recorded${moneyInWords(d.amount) ? ` of ${moneyInWords(d.amount)}` : ''}`,
  'purchase.attempted': (d) => `purchase sent to Friendbuy (attempt ${str(d.attempt) ?? 1})`,
  'purchase.reported': () => 'Friendbuy received the purchase',
  'purchase.held': () => 'purchase report held until the referral is eligible',
  'purchase.withheld': () => 'purchase not reported to Friendbuy',
  'status.reported': (d) => `order status reported to Friendbuy${str(d.status) ? `: ${d.status}` : ''}`,
  'fraud.assessed': (d) => {
    const fired = Array.isArray(d.fired) ? (d.fired as { signal: string; evidence?: unknown }[]) : [];
    const verdict =
      d.verdict === 'hold' ? 'held for review' : d.verdict === 'reject' ? 'rejected' : 'approved';
    const why = fired.map((f) => explainSignal(f)).join('; ');
    return `fraud check ${verdict} (score ${str(d.score) ?? 0})${why ? `: ${why}` : ''}`;
  },
  'eligibility.decided': (d) => {
    const waiting = Array.isArray(d.waitingFor) ? (d.waitingFor as string[]) : [];
    if (d.status === 'eligible') return 'the referral became eligible for its reward';
    if (d.status === 'ineligible') return 'the referral is not eligible for a reward';
    const until = day(d.until);
    const on = waiting.map((w) => REASONS[w] ?? w).join(' and ');
    return `the referral waits${on ? ` for ${on}` : ''}${until ? ` until ${until}` : ''}`;
  },
  'review.decided': (d) =>
    `${str(d.by) ?? 'an operator'} ${d.decision === 'reject' ? 'rejected' : 'approved'} the review${str(d.reason) ? `: ${d.reason}` : ''}`,
};

const REWARD_EVENTS: Readonly<Record<string, Describe>> = {
  'reward.issued': (d) => {
    const who = d.kind === 'friendIncentive' ? "the friend's incentive" : "the advocate's reward";
    return `Friendbuy issued ${who}${str(d.amount) ? ` of ${d.amount} ${str(d.unit) ?? ''}`.trimEnd() : ''}`;
  },
  'reward.code-created': (d) =>
    `coupon ${str(d.couponCode) ?? ''} created in commercetools`.replace('  ', ' '),
  'reward.held': (d) => `reward held${str(d.reason) ? ` (${d.reason})` : ''}`,
  'reward.released': () => 'hold released: the reward can be used',
  'reward.redeemed': (d) => `coupon used on order ${str(d.orderNumber) ?? str(d.orderId) ?? ''}`.trimEnd(),
  'reward.reversed': (d) => `reward reversed${str(d.reason) ? ` (${d.reason})` : ''}`,
  'reward.expired': () => 'the coupon expired unused',
  'reward.reissue-requested': (d) =>
    `the order that used the coupon was cancelled${str(d.orderNumber) ? ` (${d.orderNumber})` : ''}: a new coupon is due`,
  'reward.reissued': (d) => `a new coupon was issued${str(d.code) ? `: ${d.code}` : ''}`,
  'reward.anomaly': (d) =>
    `an out-of-order event was recorded and ignored${str(d.refused) ? ` (${d.refused})` : ''}`,
};

/**
 * One ledger event of an order or a reward in words.
 * @example eventInWords({ type: 'reward.released', occurredAt: at }).summary // 'hold released: the reward can be used'
 */
export function eventInWords(event: EventLike): EventInWords {
  const describe = ORDER_EVENTS[event.type] ?? REWARD_EVENTS[event.type];
  const summary = describe
    ? describe(event.data ?? {})
    : event.type.replaceAll('.', ' ').replaceAll('-', ' ');
  return { type: event.type, at: new Date(event.occurredAt).toISOString(), summary };
}

export interface RewardStateFacts {
  state: RewardState | string;
  couponCode?: string | null | undefined;
  /** Why a held reward waits, in words (the order's eligibility, a review). */
  holdReason?: string | null | undefined;
  /** Until when a held reward waits, when known. */
  heldUntil?: Date | null | undefined;
}

/**
 * "Where is my reward?" answered in one sentence per state.
 * @example rewardStateInWords({ state: 'available', couponCode: 'ADV-1' }) // 'Ready to use: coupon ADV-1 works at checkout'
 */
export function rewardStateInWords(facts: RewardStateFacts): string {
  const coupon = facts.couponCode ? `coupon ${facts.couponCode}` : 'the coupon';
  switch (facts.state) {
    case 'none':
      return 'Not issued yet: Friendbuy has not sent this reward';
    case 'issued':
      return `Issued by Friendbuy; ${coupon} is being created in commercetools`;
    case 'available':
      return `Ready to use: ${coupon} works at checkout`;
    case 'held': {
      const until = facts.heldUntil ? ` until ${facts.heldUntil.toISOString().slice(0, 10)}` : '';
      return `On hold${until}: ${facts.holdReason ?? 'the referral is being checked'}`;
    }
    case 'redeemed':
      return `Used: ${coupon} was applied to an order`;
    case 'reissuePending':
      return `The order that used ${coupon} was cancelled: a new coupon is due`;
    case 'reversed':
      return 'Taken back: the referral did not qualify (its coupon no longer works)';
    case 'expired':
      return `Expired: ${coupon} ran out before it was used`;
    default:
      return `State ${facts.state}`;
  }
}

/** Whether an operator can issue this reward's coupon again: only while the reward is owed to its recipient. */
export function canReissueCoupon(state: RewardState | string, hasCoupon: boolean): boolean {
  return hasCoupon && ['issued', 'available', 'reissuePending'].includes(state);
}
