// The vocabulary of a reward's life on the ledger, shared by every flow that records one. The state machine
// that derives a reward's state from these events lives in reward-state.ts.

/** Ledger stream of one reward (an advocate reward or a friend incentive), keyed by Friendbuy's rewardId. */
export const rewardStream = (rewardId: string) => `reward:${rewardId}`;

export const REWARD_EVENT = {
  /** Friendbuy issued it (advocateReward / friendIncentive webhook). */
  issued: 'reward.issued',
  /** Its coupon exists as a commercetools discount code. */
  codeCreated: 'reward.code-created',
  /** Payout waits: for eligibility (return window) or review. */
  held: 'reward.held',
  /** The hold ended in its favour. */
  released: 'reward.released',
  /** An order used its code. */
  redeemed: 'reward.redeemed',
  /** Taken back: code deactivated, or flagged for manual recovery when already redeemed. */
  reversed: 'reward.reversed',
  /** Its code ran out of validity unused. */
  expired: 'reward.expired',
  /** The order that redeemed its single-use code was cancelled; the shopper should get it back. */
  reissueRequested: 'reward.reissue-requested',
  /** A replacement code was issued. */
  reissued: 'reward.reissued',
  /** An event that the state machine refused (recorded for audit, never applied). */
  anomaly: 'reward.anomaly',
} as const;

export type RewardEventType = (typeof REWARD_EVENT)[keyof typeof REWARD_EVENT];
