// Everything the fraud check reads for one referral, in ONE statement: both people's traits from the identity
// graph, the referral history (accounts sharing the friend's device, IP or address; the advocate's referred
// orders; the code's redemptions from the IP), the friend's earlier orders and the advocate's rewards for caps.
// Every part is an index range scan bounded by its window and a row limit, so the cost does not grow with the
// history; one round trip matters most for the embedded store, which runs statements one at a time.
import type { TraitKind } from '../domain/identity-keys.js';
import type { Queryable } from './db.js';

/** At most this many rows per history lookup: enough to judge any threshold a policy sets, bounded in cost. */
export const LOOKUP_LIMIT = 200;
/** At most this many traits per person (the most recently seen), and devices compared per friend. */
export const TRAITS_LIMIT = 100;
export const DEVICES_LIMIT = 5;
/** At most this many of the advocate's rewards within the caps' longest period. */
export const REWARDS_LIMIT = 500;

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

export interface AdvocateRewardFacts {
  rewardId: string;
  campaignId: string | null;
  amount: string | null;
  unit: string | null;
  orderId: string | null;
  state: string;
  issuedAt: Date;
}

export interface FraudLookups {
  friendTraits: TraitValue[];
  advocateTraits: TraitValue[];
  shared: { by: SharedKey; account: string; seenAt: Date }[];
  advocateReferralTimes: Date[];
  codeRedemptionTimesFromIp: Date[];
  earlierOrders: number;
  rewards: AdvocateRewardFacts[];
}

const person = (kinds: string, values: string) =>
  `(SELECT person_id FROM identity_links WHERE (kind, value) IN (SELECT * FROM unnest(${kinds}::text[], ${values}::text[]))
    ORDER BY first_seen_at, person_id LIMIT 1)`;
const traits = (personSql: string) =>
  `SELECT kind, value FROM identity_traits WHERE person_id = ${personSql} ORDER BY last_seen_at DESC LIMIT ${TRAITS_LIMIT}`;
const sharing = (by: SharedKey, column: string, match: string) =>
  `SELECT '${by}' AS by, friend_account AS account, max(placed_at) AS "seenAt" FROM (
     SELECT friend_account, placed_at FROM referrals
     WHERE ${column} ${match} AND placed_at BETWEEN $9 AND $2 AND friend_account <> $1
     ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}) recent GROUP BY friend_account`;
const times = (where: string) =>
  `(SELECT coalesce(json_agg(placed_at), '[]') FROM (SELECT placed_at FROM referrals WHERE ${where}
     AND order_id <> $3 ORDER BY placed_at DESC LIMIT ${LOOKUP_LIMIT}) t)`;
const rewards = (column: string, param: string) =>
  `(SELECT reward_id AS "rewardId", campaign_id AS "campaignId", amount, unit, order_id AS "orderId", state,
      issued_at AS "issuedAt" FROM rewards WHERE $16::boolean AND kind = 'advocateReward' AND ${column} = ${param}
      AND issued_at > coalesce($17::timestamptz, '-infinity') ORDER BY issued_at DESC LIMIT ${REWARDS_LIMIT})`;

const SQL = `
WITH friend_traits AS (${traits(person('$4', '$5'))}),
advocate_traits AS (${traits(person('$6', '$7'))}),
friend_devices AS (
  SELECT value FROM (SELECT $8::text AS value, 0 AS rank WHERE $8 IS NOT NULL
    UNION ALL SELECT value, 1 FROM friend_traits WHERE kind = 'device') d
  GROUP BY value ORDER BY min(rank), value LIMIT ${DEVICES_LIMIT})
SELECT json_build_object(
  'friendTraits', (SELECT coalesce(json_agg(t), '[]') FROM friend_traits t),
  'advocateTraits', (SELECT coalesce(json_agg(t), '[]') FROM advocate_traits t),
  'shared', (SELECT coalesce(json_agg(s), '[]') FROM (
    ${sharing('device', 'device_hash', 'IN (SELECT value FROM friend_devices)')}
    UNION ALL ${sharing('ip', 'ip_hash', '= $10')}
    UNION ALL ${sharing('address', 'address_hash', '= $11')}) s),
  'advocateReferralTimes', ${times('advocate_key = $12 AND placed_at BETWEEN $13 AND $2')},
  'codeRedemptionTimesFromIp', ${times('code = $14 AND ip_hash = $10 AND placed_at BETWEEN $15 AND $2')},
  'earlierOrders', (SELECT count(DISTINCT order_id) FROM (
    SELECT order_id, created_at FROM customer_orders WHERE customer_id = $18 AND NOT cancelled
    UNION ALL SELECT order_id, created_at FROM customer_orders WHERE email_hash = $19 AND NOT cancelled
  ) earlier WHERE order_id <> $3 AND (created_at IS NULL OR created_at < $2)),
  'rewards', (SELECT coalesce(json_agg(r), '[]') FROM (
    SELECT * FROM (${rewards('customer_id', '$20')} UNION ${rewards('email_hash', '$21')}) both_ways
    ORDER BY "issuedAt" DESC LIMIT ${REWARDS_LIMIT}) r)
) AS found`;

export async function lookUpFraudFacts(q: Queryable, query: FraudLookupQuery): Promise<FraudLookups> {
  const links = (who: { customerId?: string | undefined; emailHash?: string | undefined }) => {
    const known = [
      ...(who.customerId ? [['customerId', who.customerId]] : []),
      ...(who.emailHash ? [['email', who.emailHash]] : []),
    ];
    return [known.map(([kind]) => kind as string), known.map(([, value]) => value as string)];
  };
  const { friend, advocate, windows } = query;
  // Planning this statement costs more than running it: PostgreSQL keeps its plan per connection.
  const prepared = { prepareAs: 'ctfb-fraud-lookups-v1' };
  const result = await q.query<{ found: Record<string, unknown> }>(
    SQL,
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
    prepared,
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
      ...(row as unknown as AdvocateRewardFacts),
      issuedAt: new Date(String(row.issuedAt)),
    })),
  };
}
