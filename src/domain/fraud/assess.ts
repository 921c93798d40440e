// The fraud check of one referral: every signal run over the facts the flow looked up, then one verdict under
// the campaign's fraud policy. Pure, so the order check, the reward webhook and the benchmark agree exactly.
import type { AdvocateCapInput, AdvocateCaps } from '../advocate-caps.js';
import type { EmailRules } from '../identity.js';
import {
  evaluateAdvocateOverCap,
  evaluateExistingCustomer,
  evaluateFastClickToPurchase,
} from './behaviour-signals.js';
import { decideFraud, type FraudDecision } from './decide.js';
import { evaluateDisposableEmail } from './disposable-email.js';
import type { FraudPolicy } from './fraud-policy.js';
import { evaluateSameCustomerId, evaluateSameEmail, evaluateSimilarEmail } from './identity-signals.js';
import {
  evaluateSameIpAndUserAgent,
  evaluateSharedIdentifier,
  type NetworkIdentity,
} from './match-signals.js';
import { type AccountSighting, evaluateRepeatedAccounts, type SharedBy } from './repeated-accounts.js';
import type { SignalResult } from './signal.js';
import { evaluateAdvocateVelocity, evaluateCodeBurst } from './velocity.js';

/** The friend as this order shows them: ids and keyed hashes, and the raw email only to compare it here. */
export interface FriendFacts {
  customerId?: string | undefined;
  emailHash?: string | undefined;
  email?: string | undefined;
  /** The account repeated-account checks count: customer id, else email hash. */
  account: string;
  ipHash?: string | undefined;
  userAgentHash?: string | undefined;
  deviceHashes: readonly string[];
  addressHash?: string | undefined;
  paymentHashes: readonly string[];
}

/** The advocate, and the hashes they are known by (their own sightings and orders). */
export interface AdvocateFacts {
  customerId?: string | undefined;
  emailHash?: string | undefined;
  email?: string | undefined;
  ipHashes: readonly string[];
  networks: readonly NetworkIdentity[];
  deviceHashes: readonly string[];
  addressHashes: readonly string[];
  paymentHashes: readonly string[];
}

export interface ReferralFacts {
  /** When the order was placed (the moment velocity and repeated-account windows end). */
  at: Date;
  friend: FriendFacts;
  advocate: AdvocateFacts;
  /** Other friend accounts recently seen with the friend's device, IP or address (referrals index). */
  shared: readonly { by: SharedBy; accounts: readonly AccountSighting[] }[];
  /** The advocate's other referred orders (referrals index). */
  advocateReferralTimes: readonly Date[];
  /** Earlier redemptions of the same code from the same IP (referrals index); empty without code or IP. */
  codeRedemptionTimesFromIp: readonly Date[];
  clickedAt?: Date | undefined;
  isNewCustomer: boolean;
  usedFriendIncentive: boolean;
  earlierOrders?: number | undefined;
  caps: { input: AdvocateCapInput; caps: AdvocateCaps };
}

/** Every signal's result, fired or not, in FRAUD_SIGNALS order. */
export function evaluateSignals(
  facts: ReferralFacts,
  policy: FraudPolicy,
  emailRules?: EmailRules | undefined,
): SignalResult[] {
  const { friend, advocate, at } = facts;
  const s = policy.signals;
  const firstFired = (results: SignalResult[]) => results.find((r) => r.fired) ?? results[0]!;
  return [
    evaluateSameCustomerId({ friend, advocate }),
    evaluateSameEmail({ friend, advocate }),
    evaluateSimilarEmail(
      { friendEmail: friend.email, advocateEmail: advocate.email, emailRules },
      s.similarEmail,
    ),
    evaluateSharedIdentifier('sameShippingAddress', {
      friend: friend.addressHash,
      advocate: advocate.addressHashes,
    }),
    firstFired(
      (friend.paymentHashes.length ? friend.paymentHashes : [undefined]).map((hash) =>
        evaluateSharedIdentifier('samePaymentFingerprint', {
          friend: hash,
          advocate: advocate.paymentHashes,
        }),
      ),
    ),
    evaluateSharedIdentifier('sameIp', { friend: friend.ipHash, advocate: advocate.ipHashes }),
    evaluateSameIpAndUserAgent({
      friend: { ipHash: friend.ipHash, userAgentHash: friend.userAgentHash },
      advocate: advocate.networks,
    }),
    firstFired(
      (friend.deviceHashes.length ? friend.deviceHashes : [undefined]).map((hash) =>
        evaluateSharedIdentifier('sameDevice', { friend: hash, advocate: advocate.deviceHashes }),
      ),
    ),
    evaluateRepeatedAccounts({ at, friendAccount: friend.account, shared: facts.shared }, s.repeatedAccounts),
    evaluateAdvocateVelocity({ at, earlier: facts.advocateReferralTimes }, s.advocateVelocity),
    evaluateCodeBurst({ at, earlier: facts.codeRedemptionTimesFromIp }, s.codeBurst),
    evaluateDisposableEmail({ email: friend.email }, s.disposableEmail),
    evaluateFastClickToPurchase({ clickedAt: facts.clickedAt, purchasedAt: at }, s.fastClickToPurchase),
    evaluateExistingCustomer({
      isNewCustomer: facts.isNewCustomer,
      usedFriendIncentive: facts.usedFriendIncentive,
      earlierOrders: facts.earlierOrders,
    }),
    evaluateAdvocateOverCap(facts.caps.input, facts.caps.caps),
  ];
}

/**
 * The referral's fraud decision: approve, hold for review or reject, with the fired signals as its reasons.
 * @example assessReferral(facts, campaign.policy.fraud, config.emailRules).verdict // 'hold'
 */
export function assessReferral(
  facts: ReferralFacts,
  policy: FraudPolicy,
  emailRules?: EmailRules | undefined,
): FraudDecision {
  return decideFraud(evaluateSignals(facts, policy, emailRules), policy);
}
