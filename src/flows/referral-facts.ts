// Looks up, in the store, everything the fraud signals compare for one referred order: the friend's and the
// advocate's identifiers from the identity graph, the referrals index for repeated accounts, velocity and code
// bursts, the order history for "existing customer", and the advocate's rewards for caps. Every query is an
// index probe bounded in time and rows; bench/fraud.ts measures the lot over a million referrals.
import type { AdvocateCapInput } from '../domain/advocate-caps.js';
import { HOUR_MS, MINUTE_MS } from '../domain/durations.js';
import type { AddressParts } from '../domain/fraud/address.js';
import type { AdvocateFacts, FriendFacts, ReferralFacts } from '../domain/fraud/assess.js';
import type { SharedBy } from '../domain/fraud/repeated-accounts.js';
import { type EmailRules, hashEmail, hashIdentifier } from '../domain/identity.js';
import { addressHash, type IdentityKey, type LinkKind } from '../domain/identity-keys.js';
import type { Money } from '../domain/money.js';
import type { RewardPolicy } from '../domain/policy.js';
import { pastAdvocateRewards } from '../domain/reward-value.js';
import { countEarlierOrders } from '../store/customer-orders.js';
import type { Queryable } from '../store/db.js';
import { findPerson, identifiersOf } from '../store/identity-links.js';
import {
  accountsSharing,
  advocateKeyOf,
  advocateReferralTimes,
  codeRedemptionTimesFromIp,
  type ReferralRow,
} from '../store/referrals.js';
import { listAdvocateRewards } from '../store/rewards.js';

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
  const [friendTraits, advocateTraits] = await Promise.all([
    traitsOf(q, { customerId: input.friend.customerId, emailHash: friendEmailHash }),
    traitsOf(q, input.advocate),
  ]);
  const friend: FriendFacts = {
    customerId: input.friend.customerId,
    emailHash: friendEmailHash,
    email: input.friend.email,
    account,
    ipHash: hash('ip', input.friend.ipAddress),
    userAgentHash: hash('userAgent', input.friend.userAgent),
    // The order's own device first: it is the one the referrals row keeps.
    deviceHashes: [
      ...new Set([...(input.friend.deviceHash ? [input.friend.deviceHash] : []), ...friendTraits.device]),
    ],
    addressHash: input.friend.shippingAddress && addressHash(input.friend.shippingAddress, hashKey),
    paymentHashes: (input.friend.paymentFingerprints ?? []).flatMap((p) => hash('payment', p) ?? []),
  };
  const advocate: AdvocateFacts = {
    customerId: input.advocate.customerId,
    emailHash: input.advocate.emailHash,
    email: input.advocate.email,
    ipHashes: advocateTraits.ip,
    networks: advocateTraits.ip.flatMap((ipHash) =>
      advocateTraits.userAgent.map((userAgentHash) => ({ ipHash, userAgentHash })),
    ),
    deviceHashes: advocateTraits.device,
    addressHashes: advocateTraits.address,
    paymentHashes: [
      ...advocateTraits.payment,
      ...(input.advocate.paymentFingerprints ?? []).flatMap((p) => hash('payment', p) ?? []),
    ],
  };
  const advocateKey = advocateKeyOf(input.advocate) ?? `order:${input.orderId}`;
  const at = input.placedAt;
  const signals = policy.fraud.signals;
  const since = (ms: number) => new Date(at.getTime() - ms);
  const sharedBy: { by: SharedBy; hashes: string[] }[] = [
    { by: 'device', hashes: friend.deviceHashes.slice(0, 5) },
    { by: 'ip', hashes: friend.ipHash ? [friend.ipHash] : [] },
    { by: 'address', hashes: friend.addressHash ? [friend.addressHash] : [] },
  ];
  const repeatedSince = since(signals.repeatedAccounts.windowHours * HOUR_MS);
  const code = input.code?.toLowerCase();
  const [shared, referralTimes, burstTimes, earlierOrders, rewards] = await Promise.all([
    Promise.all(
      sharedBy.map(async ({ by, hashes }) => ({
        by,
        accounts: (
          await Promise.all(
            hashes.map((h) =>
              accountsSharing(q, { by, hash: h, since: repeatedSince, until: at, excludeAccount: account }),
            ),
          )
        ).flat(),
      })),
    ),
    advocateReferralTimes(q, {
      advocateKey,
      since: since(signals.advocateVelocity.windowHours * HOUR_MS),
      until: at,
      excludeOrderId: input.orderId,
    }),
    code && friend.ipHash
      ? codeRedemptionTimesFromIp(q, {
          code,
          ipHash: friend.ipHash,
          since: since(signals.codeBurst.windowMinutes * MINUTE_MS),
          until: at,
          excludeOrderId: input.orderId,
        })
      : Promise.resolve([]),
    countEarlierOrders(q, { customerId: friend.customerId, emailHash: friendEmailHash }, at, input.orderId),
    listAdvocateRewards(q, input.advocate),
  ]);
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

/** The hashes a person is known by in the identity graph (empty for someone the connector never saw). */
async function traitsOf(
  q: Queryable,
  who: { customerId?: string | undefined; emailHash?: string | undefined },
): Promise<TraitHashes> {
  const traits: TraitHashes = { ip: [], userAgent: [], device: [], address: [], payment: [] };
  const links: IdentityKey<LinkKind>[] = [
    ...(who.customerId ? [{ kind: 'customerId' as const, value: who.customerId }] : []),
    ...(who.emailHash ? [{ kind: 'email' as const, value: who.emailHash }] : []),
  ];
  const personId = await findPerson(q, links);
  if (!personId) return traits;
  for (const { kind, value } of await identifiersOf(q, personId)) {
    if (Object.hasOwn(traits, kind)) traits[kind as keyof TraitHashes].push(value);
  }
  return traits;
}
