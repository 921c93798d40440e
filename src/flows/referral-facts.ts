// Looks up, in the store, everything the fraud signals compare for one referred order: the friend's and the
// advocate's identifiers from the identity graph, the referrals index for repeated accounts, velocity and code
// bursts, the order history for "existing customer", and the advocate's rewards for caps. Every query is an
// index probe bounded in time and rows; bench/fraud.ts measures the lot over a million referrals.
import { type AdvocateCapInput, capHistorySince } from '../domain/advocate-caps.js';
import { HOUR_MS, MINUTE_MS } from '../domain/durations.js';
import type { AddressParts } from '../domain/fraud/address.js';
import type { AdvocateFacts, FriendFacts, ReferralFacts } from '../domain/fraud/assess.js';
import { type EmailRules, hashEmail, hashIdentifier } from '../domain/identity.js';
import { addressHash } from '../domain/identity-keys.js';
import type { Money } from '../domain/money.js';
import type { RewardPolicy } from '../domain/policy.js';
import { pastAdvocateRewards } from '../domain/reward-value.js';
import type { Queryable } from '../store/db.js';
import { lookUpFraudFacts, type TraitValue } from '../store/fraud-lookups.js';
import { advocateKeyOf, type ReferralRow } from '../store/referrals.js';

/** The referred order as the fraud check sees it; raw values are hashed here and never stored. */
export interface ReferredOrderInput {
  orderId: string;
  campaignId: string;
  placedAt: Date;
  friend: {
    customerId?: string | undefined;
    email?: string | undefined;
    ipAddress?: string | undefined;
    userAgent?: string | undefined;
    /** The order's device field: already a keyed hash. */
    deviceHash?: string | undefined;
    shippingAddress?: AddressParts | undefined;
    paymentFingerprints?: readonly string[] | undefined;
  };
  advocate: {
    customerId?: string | undefined;
    emailHash?: string | undefined;
    /** Raw, when the flow has it (the advocate's commercetools customer), for the similar-email signal. */
    email?: string | undefined;
    paymentFingerprints?: readonly string[] | undefined;
  };
  /** The referral code or friend coupon the order used, if any. */
  code?: string | undefined;
  usedFriendIncentive: boolean;
  /** When the friend clicked the referral link (the order's landing time field). */
  clickedAt?: Date | undefined;
  /** What this order's reward is worth, once Friendbuy issued it (value caps). */
  rewardValue?: Money | undefined;
}

export interface GatheredReferral {
  facts: ReferralFacts;
  /** The referrals row this assessment will write (verdict and score filled in by the caller). */
  row: Omit<ReferralRow, 'verdict' | 'score' | 'assessedAt'>;
}

export async function gatherReferralFacts(
  q: Queryable,
  keys: { hashKey: string; emailRules?: EmailRules | undefined },
  policy: RewardPolicy,
  input: ReferredOrderInput,
): Promise<GatheredReferral> {
  const { hashKey, emailRules } = keys;
  const hash = (kind: 'ip' | 'userAgent' | 'payment', value: string | undefined) =>
    value?.trim() ? hashIdentifier(kind, value, hashKey) : undefined;
  const friendEmailHash = input.friend.email ? hashEmail(input.friend.email, hashKey, emailRules) : undefined;
  const account = input.friend.customerId ?? friendEmailHash ?? `order:${input.orderId}`;
  const advocateKey = advocateKeyOf(input.advocate) ?? `order:${input.orderId}`;
  const at = input.placedAt;
  const signals = policy.fraud.signals;
  const since = (ms: number) => new Date(at.getTime() - ms);
  const code = input.code?.toLowerCase();
  const ipHash = hash('ip', input.friend.ipAddress);
  const orderAddress = input.friend.shippingAddress && addressHash(input.friend.shippingAddress, hashKey);
  const found = await lookUpFraudFacts(q, {
    orderId: input.orderId,
    account,
    at,
    friend: {
      customerId: input.friend.customerId,
      emailHash: friendEmailHash,
      deviceHash: input.friend.deviceHash,
      ipHash,
      addressHash: orderAddress,
    },
    advocate: { key: advocateKey, ...input.advocate },
    windows: {
      sharedSince: since(signals.repeatedAccounts.windowHours * HOUR_MS),
      referralsSince: since(signals.advocateVelocity.windowHours * HOUR_MS),
      codeBurstSince: since(signals.codeBurst.windowMinutes * MINUTE_MS),
    },
    code,
    rewardsSince: capHistorySince(policy.advocateCaps, at),
  });
  const friendTraits = hashesOf(found.friendTraits);
  const advocateTraits = hashesOf(found.advocateTraits);
  const friend: FriendFacts = {
    customerId: input.friend.customerId,
    emailHash: friendEmailHash,
    email: input.friend.email,
    account,
    ipHash,
    userAgentHash: hash('userAgent', input.friend.userAgent),
    // The order's own device first: it is the one the referrals row keeps.
    deviceHashes: [
      ...new Set([...(input.friend.deviceHash ? [input.friend.deviceHash] : []), ...friendTraits.device]),
    ],
    addressHash: orderAddress,
    paymentHashes: (input.friend.paymentFingerprints ?? []).flatMap((p) => hash('payment', p) ?? []),
  };
  const advocate: AdvocateFacts = {
    customerId: input.advocate.customerId,
    emailHash: input.advocate.emailHash,
    email: input.advocate.email,
    ipHashes: advocateTraits.ip,
    networks: advocateTraits.ip.flatMap((ip) =>
      advocateTraits.userAgent.map((userAgentHash) => ({ ipHash: ip, userAgentHash })),
    ),
    deviceHashes: advocateTraits.device,
    addressHashes: advocateTraits.address,
    paymentHashes: [
      ...advocateTraits.payment,
      ...(input.advocate.paymentFingerprints ?? []).flatMap((p) => hash('payment', p) ?? []),
    ],
  };
  const shared = (['device', 'ip', 'address'] as const).map((by) => ({
    by,
    accounts: found.shared.filter((row) => row.by === by),
  }));
  const {
    advocateReferralTimes: referralTimes,
    codeRedemptionTimesFromIp: burstTimes,
    earlierOrders,
  } = found;
  const rewards = found.rewards;
  const caps: AdvocateCapInput = {
    at,
    campaignId: input.campaignId,
    rewards: pastAdvocateRewards(rewards, input.orderId),
    rewardValue: input.rewardValue,
  };
  const facts: ReferralFacts = {
    at,
    friend,
    advocate,
    shared: shared.filter(({ accounts }) => accounts.length > 0),
    advocateReferralTimes: referralTimes,
    codeRedemptionTimesFromIp: burstTimes,
    clickedAt: input.clickedAt,
    isNewCustomer: earlierOrders === 0,
    usedFriendIncentive: input.usedFriendIncentive,
    earlierOrders,
    caps: { input: caps, caps: policy.advocateCaps },
  };
  const row = {
    orderId: input.orderId,
    campaignId: input.campaignId,
    advocateKey,
    advocateCustomerId: input.advocate.customerId ?? null,
    advocateEmailHash: input.advocate.emailHash ?? null,
    friendAccount: account,
    code: code ?? null,
    ipHash: friend.ipHash ?? null,
    deviceHash: friend.deviceHashes[0] ?? null,
    addressHash: friend.addressHash ?? null,
    placedAt: at,
  };
  return { facts, row };
}

type TraitHashes = Record<'ip' | 'userAgent' | 'device' | 'address' | 'payment', string[]>;

function hashesOf(traits: readonly TraitValue[]): TraitHashes {
  const hashes: TraitHashes = { ip: [], userAgent: [], device: [], address: [], payment: [] };
  for (const { kind, value } of traits)
    if (Object.hasOwn(hashes, kind)) hashes[kind as keyof TraitHashes].push(value);
  return hashes;
}
