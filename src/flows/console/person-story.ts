// A person's referral story, for "where is my reward?": who they are (live from commercetools, masked for
// operators who may not see personal data), what they did as an advocate (their code, the funnel, the friends
// they referred and each referral's fate) and as a friend (who referred them, their orders), every reward with
// its state and history in words and why it is held, and the codes issued to them and where they were used.
import type { Config } from '../../config.js';
import { friendKeyOf, type PersonRef, splitPersonKey } from '../../domain/console/person-ref.js';
import {
  canReissueCoupon,
  type EventInWords,
  eventInWords,
  rewardStateInWords,
} from '../../domain/console/words.js';
import type { Money } from '../../domain/money.js';
import { rewardMoney } from '../../domain/reward-value.js';
import { type PersonOrder, personOrders } from '../../store/console-people.js';
import { findOrderEligibility } from '../../store/order-eligibility.js';
import {
  personIds,
  referralCodesOf,
  referredFriends,
  referrerOf,
  rewardCodes,
} from '../../store/person-story.js';
import { findReviewOfOrder } from '../../store/reviews.js';
import { listPersonRewards } from '../../store/rewards.js';
import { readAdvocateFunnel } from '../advocate-funnel.js';
import type { FlowDeps } from '../deps.js';
import { loadRewardViews } from '../reward-history.js';
import { resolvePeople } from './people.js';

const FRIENDS_SHOWN = 50;
const REWARDS_SHOWN = 50;
const ORDERS_SHOWN = 20;

export interface StoryReward {
  rewardId: string;
  kind: string | null;
  campaignId: string | null;
  state: string;
  stateInWords: string;
  amount: Money | null;
  /** Friendbuy's own unit when it is not a currency (`%`, a SKU). */
  unit: string | null;
  orderId: string | null;
  coupon: { code: string; redeemed: boolean } | null;
  history: EventInWords[];
  hold: { reason: string; until: Date | null } | null;
  canReissue: boolean;
}

export interface PersonStory {
  person: PersonRef;
  asAdvocate: {
    referralCodes: string[];
    /** Shares, clicks, email captures, sign-ups and purchases on the advocate's funnel. */
    funnel: Record<string, number>;
    friends: {
      friend: PersonRef | null;
      orderId: string;
      orderNumber: string | null;
      placedAt: Date;
      fraudVerdict: string;
      status: string | null;
      rewardState: string | null;
    }[];
  };
  asFriend: { referredBy: PersonRef | null; orders: PersonOrder[] };
  rewards: StoryReward[];
  codes: {
    code: string;
    kind: string;
    issuedAt: Date;
    redeemedAt: Date | null;
    redeemedOrderId: string | null;
  }[];
}

export type PersonStoryDeps = Pick<FlowDeps, 'db' | 'commercetools'> & {
  config: Pick<Config, 'hashKey' | 'emailRules'>;
};

/** Undefined when the connector knows nothing of the person under that key. */
export async function loadPersonStory(
  deps: PersonStoryDeps,
  key: string,
  seesPersonalData: boolean,
): Promise<PersonStory | undefined> {
  const [kind, value] = splitPersonKey(key);
  const ids = await personIds(deps.db, {
    customerId: kind === 'customer' ? value : null,
    emailHash: kind === 'email' ? value : null,
  });
  const advocateKeys = [
    ids.customerId && `customer:${ids.customerId}`,
    ids.emailHash && `email:${ids.emailHash}`,
  ].filter((k): k is string => !!k);
  const accounts = [ids.customerId, ids.emailHash].filter((a): a is string => !!a);
  const [friends, referrer, orders, rewardRows, codes, funnel] = await Promise.all([
    referredFriends(deps.db, advocateKeys, FRIENDS_SHOWN),
    referrerOf(deps.db, accounts),
    personOrders(deps.db, ids, ORDERS_SHOWN),
    listPersonRewards(deps.db, ids, REWARDS_SHOWN),
    referralCodesOf(deps.db, ids),
    readAdvocateFunnel(deps.db, ids.customerId ?? ids.emailHash ?? value, deps.config),
  ]);
  const known =
    friends.length + orders.length + rewardRows.length + codes.length + funnel.events.length > 0 ||
    !!referrer;
  if (!known) return undefined;
  const [views, couponCodes, people] = await Promise.all([
    loadRewardViews(deps.db, rewardRows),
    rewardCodes(
      deps.db,
      rewardRows.map((r) => r.rewardId),
    ),
    resolvePeople(
      deps,
      [key, referrer, ...friends.map((f) => friendKeyOf(f.friendAccount))],
      seesPersonalData,
    ),
  ]);
  const holds = await Promise.all(
    views.map((view) => (view.state === 'held' ? holdOf(deps, view.orderId) : null)),
  );
  const rewards: StoryReward[] = [];
  for (const [i, view] of views.entries()) {
    const redeemed = view.history.some((e) => e.applied && e.to === 'redeemed');
    const hold = holds[i] ?? null;
    rewards.push({
      rewardId: view.rewardId,
      kind: view.kind ?? null,
      campaignId: view.campaignId,
      state: view.state,
      stateInWords: rewardStateInWords({
        state: view.state,
        couponCode: view.couponCode,
        holdReason: hold?.reason,
        heldUntil: hold?.until,
      }),
      ...amountOf(view.amount, view.unit),
      orderId: view.orderId,
      coupon: view.couponCode ? { code: view.couponCode, redeemed } : null,
      history: view.history.map(eventInWords),
      hold,
      canReissue: canReissueCoupon(view.state, !!view.couponCode),
    });
  }
  return {
    person: people(key)!,
    asAdvocate: {
      referralCodes: codes.map((c) => c.code),
      funnel: funnel.counts,
      friends: friends.map((f) => ({
        friend: people(friendKeyOf(f.friendAccount)),
        orderId: f.orderId,
        orderNumber: f.orderNumber,
        placedAt: f.placedAt,
        fraudVerdict: f.verdict,
        status: f.eligibility,
        rewardState: f.rewardState,
      })),
    },
    asFriend: { referredBy: people(referrer), orders },
    rewards,
    codes: [
      ...codes.map((c) => ({
        code: c.code,
        kind: 'referral-code',
        issuedAt: c.createdAt,
        redeemedAt: c.lastRedeemedAt,
        redeemedOrderId: null,
      })),
      ...couponCodes.map((c) => ({
        code: c.commercetoolsCode,
        kind: 'reward-coupon',
        issuedAt: c.createdAt,
        redeemedAt: c.redeemedAt,
        redeemedOrderId: c.redeemedOrderId,
      })),
    ],
  };
}

/** Why a held reward waits: its order's eligibility (the return window, a review), with until when. */
async function holdOf(
  deps: Pick<FlowDeps, 'db'>,
  orderId: string | null,
): Promise<{ reason: string; until: Date | null }> {
  const [eligibility, review] = orderId
    ? await Promise.all([findOrderEligibility(deps.db, orderId), findReviewOfOrder(deps.db, orderId)])
    : [undefined, undefined];
  const reasons = eligibility?.reasons.map((r) => r.message).filter(Boolean) ?? [];
  if (review?.status === 'open')
    return { reason: `the referral waits for a fraud review (case ${review.id})`, until: null };
  if (eligibility?.status === 'pending' && reasons.length === 0)
    return { reason: "the friend's order can still be returned", until: eligibility.until };
  return {
    reason: reasons.join('; ') || 'the referral is being checked',
    until: eligibility?.until ?? null,
  };
}

/** Friendbuy's decimal amount as money when its unit is a currency; `%` and SKUs stay as they are. */
function amountOf(amount: string | null, unit: string | null): { amount: Money | null; unit: string | null } {
  return { amount: rewardMoney(amount, unit) ?? null, unit };
}
