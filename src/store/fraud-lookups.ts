// Everything the fraud check reads for one referral, in ONE call: both people's traits from the identity graph,
// the referral history (accounts sharing the friend's device, IP or address; the advocate's referred orders;
// the code's redemptions from the IP), the friend's earlier orders and the advocate's rewards for caps. Every
// part is an index range scan bounded by its window and a row limit (see migration 009), so the cost does not
// grow with the history; one round trip matters most for the embedded store, which runs statements one at a time.
import type { TraitKind } from '../domain/identity-keys.js';
import type { AdvocateRewardRecord } from '../domain/reward-value.js';
import type { Queryable } from './db.js';

export type SharedKey = 'device' | 'ip' | 'address';

export interface FraudLookupQuery {
  orderId: string;
  /** The friend account, left out of the accounts sharing its identifiers. */
  account: string;
  /** The moment every window ends (the order's placement). */
  at: Date;
  friend: {
    customerId?: string | undefined;
    emailHash?: string | undefined;
    /** The order's own device hash; the friend's known devices are added to it for the sharing lookup. */
    deviceHash?: string | undefined;
    ipHash?: string | undefined;
    addressHash?: string | undefined;
  };
  advocate: { key: string; customerId?: string | undefined; emailHash?: string | undefined };
  windows: { sharedSince: Date; referralsSince: Date; codeBurstSince: Date };
  /** The code the order used, for bursts from the friend's IP. */
  code?: string | undefined;
  /** How far back the advocate's rewards count: undefined reads none (no caps), null reads all (lifetime). */
  rewardsSince?: Date | null | undefined;
}

export interface TraitValue {
  kind: TraitKind;
  value: string;
}

export interface FraudLookups {
  friendTraits: TraitValue[];
  advocateTraits: TraitValue[];
  shared: { by: SharedKey; account: string; seenAt: Date }[];
  advocateReferralTimes: Date[];
  codeRedemptionTimesFromIp: Date[];
  earlierOrders: number;
  rewards: AdvocateRewardRecord[];
}

// The query is the function `fraud_lookups` (migrations 009 and 033), whose plan the database keeps per session;
// the call itself is kept parsed on each connection too.
const CALL = `SELECT fraud_lookups(${Array.from({ length: 21 }, (_, i) => `$${i + 1}`).join(', ')}) AS found`;

export async function lookUpFraudFacts(q: Queryable, query: FraudLookupQuery): Promise<FraudLookups> {
  const links = (who: { customerId?: string | undefined; emailHash?: string | undefined }) => {
    const known = [
      ...(who.customerId ? [['customerId', who.customerId]] : []),
      ...(who.emailHash ? [['email', who.emailHash]] : []),
    ];
    return [known.map(([kind]) => kind as string), known.map(([, value]) => value as string)];
  };
  const { friend, advocate, windows } = query;
  const result = await q.query<{ found: Record<string, unknown> }>(
    CALL,
    [
      query.account,
      query.at,
      query.orderId,
      ...links(friend),
      ...links(advocate),
      friend.deviceHash ?? null,
      windows.sharedSince,
      friend.ipHash ?? null,
      friend.addressHash ?? null,
      advocate.key,
      windows.referralsSince,
      query.code?.toLowerCase() ?? null,
      windows.codeBurstSince,
      query.rewardsSince !== undefined,
      query.rewardsSince ?? null,
      friend.customerId ?? null,
      friend.emailHash ?? null,
      advocate.customerId ?? null,
      advocate.emailHash ?? null,
    ],
    { preparedAs: 'fraud_lookups' },
  );
  const found = result.rows[0]?.found ?? {};
  const list = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  const dates = (value: unknown) => list(value).map((v) => new Date(String(v)));
  return {
    friendTraits: list(found.friendTraits) as unknown as TraitValue[],
    advocateTraits: list(found.advocateTraits) as unknown as TraitValue[],
    shared: list(found.shared).map((row) => ({
      by: row.by as SharedKey,
      account: String(row.account),
      seenAt: new Date(String(row.seenAt)),
    })),
    advocateReferralTimes: dates(found.advocateReferralTimes),
    codeRedemptionTimesFromIp: dates(found.codeRedemptionTimesFromIp),
    earlierOrders: Number(found.earlierOrders ?? 0),
    rewards: list(found.rewards).map((row) => ({
      ...(row as unknown as AdvocateRewardRecord),
      issuedAt: new Date(String(row.issuedAt)),
    })),
  };
}
