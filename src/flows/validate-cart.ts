// The cart API extension's decision (POST /extensions/commercetools): a cart whose friend is the advocate behind
// its referral code, attribution or discount code is refused, and so is an existing customer using a
// new-customer-only code; anything else passes, with its referral code normalised. Lookups are cached
// (cart-lookups.ts); the time budget and fail-open/closed are the route's business.
import type { CartUpdateAction } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { getDiscountCode } from '../commercetools/discount-access.js';
import type { ExtensionCart } from '../commercetools/extension-input.js';
import { type Campaign, findCampaign } from '../domain/campaign.js';
import { type CartRejectionReason, cartRejection, type ExtensionError } from '../domain/cart-rejections.js';
import { evaluateDisposableEmail } from '../domain/fraud/disposable-email.js';
import { type EmailRules, hashEmail, normaliseCode } from '../domain/identity.js';
import { type CodeOwnerSummary, newCustomerOnlyCodes } from '../domain/new-customer-codes.js';
import {
  type AdvocateClaim,
  evaluateSelfReferral,
  type ReferralParty,
  type SelfReferralEvidence,
} from '../domain/self-referral.js';
import { nonEmptyText } from '../domain/text.js';
import { type CartLookups, createCartLookups, type FindCodeOwner } from './cart-lookups.js';
import type { FlowDeps } from './deps.js';
import { createCartSightingQueue, type ReferredCartSighting } from './record-cart-sighting.js';

export type CartVerdict =
  | { kind: 'accept'; actions: CartUpdateAction[] }
  | {
      kind: 'reject';
      reason: CartRejectionReason;
      errors: ExtensionError[];
      /** For the log and the operator, never for the shopper. */
      evidence:
        | SelfReferralEvidence[]
        | { newCustomerOnlyCodes: string[] }
        | { disposableEmailDomain: string | undefined };
    };

export interface CartValidatorDeps {
  lookups: CartLookups;
  campaigns: readonly Campaign[];
  hashKey: string;
  emailRules?: EmailRules | undefined;
  onReferredCart?: ((sighting: ReferredCartSighting) => void) | undefined;
}

export type CartValidator = (cart: ExtensionCart) => Promise<CartVerdict>;

export function createCartValidator(deps: CartValidatorDeps): CartValidator {
  const { lookups } = deps;

  return async (cart) => {
    const fields = cart.custom?.fields ?? {};
    const referralCode = nonEmptyText(fields[ORDER_FIELDS.referralCode]);
    const attributionId = nonEmptyText(fields[ORDER_FIELDS.attributionId]);
    const friend: ReferralParty = {
      customerId: cart.customerId,
      emailHash: cart.customerEmail
        ? hashEmail(cart.customerEmail, deps.hashKey, deps.emailRules)
        : undefined,
    };
    const codes = await discountCodesOf(cart, lookups);
    const [owners, claims] = await Promise.all([
      Promise.all(codes.map(async (code) => ({ code, owner: await lookups.codeOwner(code) }))),
      advocateClaims(lookups, { referralCode, attributionId, codes }),
    ]);

    const evidence = evaluateSelfReferral(friend, claims);
    if (evidence.length > 0) return reject('self-referral', cart.locale, [], evidence);

    // The one fraud signal cheap enough for the cart (pure, no lookup), where the campaign rejects on it.
    const disposable = claims.length > 0 ? disposableEmailRejected(cart, deps.campaigns) : undefined;
    if (disposable?.fired)
      return reject('disposable-email', cart.locale, [], {
        disposableEmailDomain: disposable.evidence.domain,
      });

    const restricted = newCustomerOnlyCodes(owners, deps.campaigns);
    if (
      restricted.length > 0 &&
      (friend.customerId || friend.emailHash) &&
      (await lookups.hasOrdered(friend))
    )
      return reject('existing-customer-code', cart.locale, restricted, { newCustomerOnlyCodes: restricted });

    if (referralCode || attributionId || claims.length > 0)
      deps.onReferredCart?.(sightingOf(cart, { referralCode, attributionId }, claims, owners));
    return { kind: 'accept', actions: normalisedReferralCode(fields[ORDER_FIELDS.referralCode]) };
  };
}

function disposableEmailRejected(cart: ExtensionCart, campaigns: readonly Campaign[]) {
  const campaign = findCampaign(campaigns, {
    storeKey: cart.store?.key,
    currency: cart.totalPrice?.currencyCode,
  });
  const setting = campaign?.policy?.fraud.signals.disposableEmail;
  if (setting?.action !== 'reject') return undefined;
  return evaluateDisposableEmail({ email: cart.customerEmail }, setting);
}

function reject(
  reason: CartRejectionReason,
  locale: string | undefined,
  codes: string[],
  evidence: Extract<CartVerdict, { kind: 'reject' }>['evidence'],
): CartVerdict {
  return { kind: 'reject', reason, errors: [cartRejection(reason, locale, codes)], evidence };
}

/** The codes shoppers typed, from the expanded references or, failing that, by id (cached: they never change). */
async function discountCodesOf(cart: ExtensionCart, lookups: CartLookups): Promise<string[]> {
  const codes = await Promise.all(
    (cart.discountCodes ?? []).map(
      async ({ discountCode }) => discountCode.obj?.code ?? (await lookups.discountCodeText(discountCode.id)),
    ),
  );
  return codes.filter((code): code is string => code !== undefined);
}

/** Every advocate the cart points to: through its referral code, its attribution id, or a referral discount code. */
async function advocateClaims(
  lookups: CartLookups,
  cart: { referralCode?: string | undefined; attributionId?: string | undefined; codes: string[] },
): Promise<AdvocateClaim[]> {
  const pending: Array<Promise<AdvocateClaim | undefined>> = [];
  const claim = (via: AdvocateClaim['via'], value: string, advocate: ReferralParty | undefined) =>
    advocate ? { via, value, advocate } : undefined;
  if (cart.referralCode) {
    const code = cart.referralCode;
    pending.push(lookups.advocateOfCode(code).then((advocate) => claim('referralCode', code, advocate)));
  }
  if (cart.attributionId) {
    const id = cart.attributionId;
    pending.push(
      lookups.referralOfAttribution(id).then(async (referral) => {
        const advocate =
          referral?.advocate ??
          (referral?.referralCode ? await lookups.advocateOfCode(referral.referralCode) : undefined);
        return claim('attributionId', id, advocate);
      }),
    );
  }
  for (const code of cart.codes)
    pending.push(lookups.advocateOfCode(code).then((advocate) => claim('discountCode', code, advocate)));
  return (await Promise.all(pending)).filter((found): found is AdvocateClaim => found !== undefined);
}

function sightingOf(
  cart: ExtensionCart,
  fields: { referralCode?: string | undefined; attributionId?: string | undefined },
  claims: AdvocateClaim[],
  owners: Array<{ code: string; owner: CodeOwnerSummary | undefined }>,
): ReferredCartSighting {
  const custom = cart.custom?.fields ?? {};
  const friendCode = owners.find(({ owner }) => owner?.channel === 'friendIncentive');
  const campaignId = owners.find(({ owner }) => owner?.campaignId)?.owner?.campaignId ?? undefined;
  return {
    cartId: cart.id,
    seen: {
      customerId: cart.customerId,
      anonymousId: cart.anonymousId,
      email: cart.customerEmail,
      ipAddress: nonEmptyText(custom[ORDER_FIELDS.ipAddress]),
      userAgent: nonEmptyText(custom[ORDER_FIELDS.userAgent]),
    },
    referral: {
      referralCode: fields.referralCode ?? claims.find((c) => c.via === 'discountCode')?.value,
      attributionId: fields.attributionId,
      couponCode: friendCode?.code,
      campaignId,
      advocate: claims[0]?.advocate,
    },
  };
}

/** Friendbuy matches referral codes case-insensitively; storing them lowercase keeps reports consistent. */
function normalisedReferralCode(value: unknown): CartUpdateAction[] {
  const code = nonEmptyText(value);
  if (code === undefined || code === normaliseCode(code)) return [];
  return [{ action: 'setCustomField', name: ORDER_FIELDS.referralCode, value: normaliseCode(code) }];
}

/**
 * The validator as the connector runs it: cached store lookups, discount codes read from commercetools when the
 * cart came without them expanded, and referred carts' identities queued for linking.
 * `findCodeOwner` plugs in a code registry (default: advocate referral codes, see cart-lookups.ts).
 */
export function createConnectorCartValidator(
  deps: FlowDeps,
  options: { findCodeOwner?: FindCodeOwner | undefined } = {},
): CartValidator {
  return createCartValidator({
    lookups: createCartLookups({
      db: deps.db,
      findCodeOwner: options.findCodeOwner,
      discountCodeText: async (id) => (await getDiscountCode(deps.commercetools, id))?.code,
      now: () => deps.clock.now().getTime(),
    }),
    campaigns: deps.campaigns,
    hashKey: deps.config.hashKey,
    emailRules: deps.config.emailRules,
    onReferredCart: createCartSightingQueue(deps),
  });
}
