// The lookups the cart extension makes, each cached in process so that a busy cart costs no query at all.
// What is safe to cache, and for how long:
// - a referral code's advocate and owner, an attribution's referral: they change rarely and only by becoming
//   known, so answers live a minute and "unknown" only seconds;
// - a discount code's text by id: commercetools never changes it, so it lives long;
// - "has this shopper ordered?": yes stays yes (an hour), but no turns into yes with the next order, so no
//   is kept only briefly — the order's message takes seconds to arrive anyway.
import { normaliseCode } from '../domain/identity.js';
import type { CodeOwnerSummary } from '../domain/new-customer-codes.js';
import type { ReferralParty } from '../domain/self-referral.js';
import { findCode } from '../store/codes.js';
import { hasOrdered } from '../store/customer-orders.js';
import type { Queryable } from '../store/db.js';
import { referralByAttribution } from '../store/friend-referrals.js';
import { findReferralCode, type ReferralCode } from '../store/referral-codes.js';
import { createTtlCache } from '../ttl-cache.js';

/** Who owns a code (campaign and channel); the code registry's answer. Codes arrive as the shopper typed them. */
export type FindCodeOwner = (code: string) => Promise<CodeOwnerSummary | undefined>;

export interface AttributionReferral {
  advocate?: ReferralParty | undefined;
  referralCode?: string | undefined;
}

export interface CartLookups {
  advocateOfCode(code: string): Promise<ReferralParty | undefined>;
  codeOwner(code: string): Promise<CodeOwnerSummary | undefined>;
  referralOfAttribution(attributionId: string): Promise<AttributionReferral | undefined>;
  hasOrdered(who: ReferralParty): Promise<boolean>;
  discountCodeText(id: string): Promise<string | undefined>;
}

export interface CartLookupSources {
  db: Queryable;
  /** Defaults to {@link advocateReferralCodeOwner} over `referral_codes`: advocate referral codes only. */
  findCodeOwner?: FindCodeOwner | undefined;
  /** The text of a commercetools discount code by id (when the cart came without expanded codes). */
  discountCodeText(id: string): Promise<string | undefined>;
  now(): number;
}

const MINUTE = 60_000;
const TTL = {
  known: MINUTE,
  unknown: 10_000,
  discountCode: 60 * MINUTE,
  ordered: 60 * MINUTE,
  notOrdered: 2_000,
} as const;
const MAX_ENTRIES = 50_000;

export function createCartLookups(sources: CartLookupSources): CartLookups {
  const cache = <V>() => createTtlCache<string, V>({ max: MAX_ENTRIES, now: sources.now });
  const knownOrNot = (value: unknown) => (value === undefined ? TTL.unknown : TTL.known);
  const referralCodes = cache<ReferralCode | undefined>();
  const owners = cache<CodeOwnerSummary | undefined>();
  const attributions = cache<AttributionReferral | undefined>();
  const orders = cache<boolean>();
  const discountCodes = cache<string | undefined>();
  // One cached read of a referral code serves both questions when no other code registry is plugged in.
  const referralCode = (code: string) =>
    referralCodes.get(normaliseCode(code), () => findReferralCode(sources.db, code), knownOrNot);
  const findCodeOwner = sources.findCodeOwner ?? advocateReferralCodeOwner(referralCode);

  return {
    advocateOfCode: async (code) => advocateOf(await referralCode(code)),
    codeOwner: sources.findCodeOwner
      ? (code) => owners.get(normaliseCode(code), () => findCodeOwner(code), knownOrNot)
      : findCodeOwner,
    referralOfAttribution: (attributionId) =>
      attributions.get(attributionId, () => referralOfAttribution(sources.db, attributionId), knownOrNot),
    hasOrdered: (who) =>
      orders.get(
        `${who.customerId ?? ''} ${who.emailHash ?? ''}`,
        () => hasOrdered(sources.db, who),
        (ordered) => (ordered ? TTL.ordered : TTL.notOrdered),
      ),
    discountCodeText: (id) =>
      discountCodes.get(
        id,
        () => sources.discountCodeText(id),
        (text) => (text ? TTL.discountCode : TTL.unknown),
      ),
  };
}

/**
 * The default code owner lookup: advocate referral codes (migration 003), whose commercetools discount code is
 * the referral code itself (code-based sharing). The code registry of migration 006 can replace it.
 */
export function advocateReferralCodeOwner(
  find: (code: string) => Promise<ReferralCode | undefined>,
): FindCodeOwner {
  return async (code) => {
    const found = await find(code);
    if (!found) return undefined;
    return { campaignId: found.campaignId, channel: 'advocateReferral', advocate: advocateOf(found) };
  };
}

function advocateOf(found: ReferralCode | undefined): ReferralParty | undefined {
  return found ? partyOf(found.advocateCustomerId, found.advocateEmailHash) : undefined;
}

async function referralOfAttribution(
  db: Queryable,
  attributionId: string,
): Promise<AttributionReferral | undefined> {
  const found = await referralByAttribution(db, attributionId);
  if (!found) return undefined;
  return {
    advocate: partyOf(found.advocateCustomerId, found.advocateEmailHash),
    referralCode: found.referralCode ?? undefined,
  };
}

function partyOf(customerId: string | null, emailHash: string | null): ReferralParty | undefined {
  if (!customerId && !emailHash) return undefined;
  return { customerId: customerId ?? undefined, emailHash: emailHash ?? undefined };
}

/**
 * The connector's code owner lookup: the code registry (migration 006) first, so friend incentives from code
 * banks and webhooks count as new-customer offers too; codes it does not know fall back to advocate referral
 * codes, and an advocate referral code takes its advocate from `referral_codes`.
 */
export function registryCodeOwner(db: Queryable): FindCodeOwner {
  const referral = advocateReferralCodeOwner((code) => findReferralCode(db, code));
  return async (code) => {
    const entry = await findCode(db, code);
    if (!entry || entry.status === 'pending') return referral(code);
    const advocate = entry.channel === 'advocateReferral' ? (await referral(code))?.advocate : undefined;
    return { campaignId: entry.campaignId, channel: entry.channel, advocate };
  };
}
