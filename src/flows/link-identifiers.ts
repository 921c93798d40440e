// Links what one sighting of a shopper shows (ids, email, session, device, IP, user agent, and the referral
// they came with) into the identity graph. The one entry point for every source: commercetools messages, the
// cart extension's sightings, Friendbuy events and the storefront routes.
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { hashEmail } from '../domain/identity.js';
import { type IdentifiersSeen, type IdentityKeys, identityKeysFor } from '../domain/identity-keys.js';
import type { Db, Queryable } from '../store/db.js';
import { rememberFriendReferral } from '../store/friend-referrals.js';
import { linkIdentityKeys } from '../store/identity-links.js';

export interface ReferralSeen {
  /** Where it was seen (`storefront`, `cart`, `order`, `emailCapture`…) and its natural key there. */
  source: string;
  sourceKey: string;
  attributionId?: string | undefined;
  referralCode?: string | undefined;
  couponCode?: string | undefined;
  campaignId?: string | undefined;
  /** The advocate, by commercetools customer id and/or email (raw emails are hashed here, never stored). */
  advocate?: { customerId?: string | undefined; email?: string | undefined; emailHash?: string | undefined };
}

export interface IdentitySighting {
  seen: IdentifiersSeen;
  referral?: ReferralSeen | undefined;
}

export type IdentityDeps = { clock: Clock; config: Pick<Config, 'hashKey' | 'emailRules'> };

/**
 * Links a sighting in its own transaction; returns the person it belongs to (undefined when it carries no
 * identifier that names a person, e.g. only an IP address).
 * @example
 * await linkIdentifiers({ db, clock, config }, {
 *   seen: { anonymousId, friendbuyProfileId, friendbuyGlobalId, ipAddress, userAgent },
 *   referral: { source: 'storefront', sourceKey: attributionId, attributionId, referralCode },
 * });
 */
export async function linkIdentifiers(
  deps: IdentityDeps & { db: Db },
  sighting: IdentitySighting,
): Promise<string | undefined> {
  return deps.db.transaction((tx) => linkSighting(tx, deps, sighting));
}

/** The same, inside the caller's transaction (see store/identity-links.ts for the lock order). */
export async function linkSighting(
  tx: Queryable,
  deps: IdentityDeps,
  sighting: IdentitySighting,
): Promise<string | undefined> {
  const { hashKey, emailRules } = deps.config;
  return linkKeys(tx, deps, identityKeysFor(sighting.seen, { hashKey, emailRules }), sighting.referral);
}

/** For sightings whose identifiers were hashed already (they waited in the outbox as keys, never raw). */
export async function linkKeys(
  tx: Queryable,
  deps: IdentityDeps,
  keys: IdentityKeys,
  referral: ReferralSeen | undefined,
): Promise<string | undefined> {
  const now = deps.clock.now();
  const { hashKey, emailRules } = deps.config;
  const personId = await linkIdentityKeys(tx, keys, now);
  if (referral && (referral.attributionId || referral.referralCode || referral.couponCode)) {
    const advocateEmail = referral.advocate?.email;
    await rememberFriendReferral(
      tx,
      {
        source: referral.source,
        sourceKey: referral.sourceKey,
        personId,
        attributionId: referral.attributionId,
        referralCode: referral.referralCode,
        couponCode: referral.couponCode,
        campaignId: referral.campaignId,
        advocateCustomerId: referral.advocate?.customerId,
        advocateEmailHash:
          referral.advocate?.emailHash ??
          (advocateEmail ? hashEmail(advocateEmail, hashKey, emailRules) : undefined),
      },
      now,
    );
  }
  return personId;
}
