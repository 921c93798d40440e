// POST /storefront/attribution: a landing's referral evidence (the `fbuy` token, a referral code parameter,
// Friendbuy's signed visitor status) verified and written onto the shopper's cart, so the order carries it to
// the purchase report. IP address and user agent are stored raw because Friendbuy's purchase event takes them;
// they are never logged.

import type { CartUpdateAction } from '@commercetools/platform-sdk';
import { z } from 'zod';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import {
  type Attribution,
  cartAttributionChanges,
  type FbuyClaims,
  landingTime,
  resolveAttribution,
  type VisitorStatusClaims,
} from '../domain/attribution.js';
import { CodedError } from '../domain/coded-error.js';
import { hashIdentifier } from '../domain/identity.js';
import { verifyFbuyToken } from '../friendbuy/fbuy-token.js';
import { type SignedVisitorStatus, verifyVisitorStatus } from '../friendbuy/visitor-status.js';
import { type CartClaim, ownershipProof, updateOwnedCart } from './storefront-cart.js';
import { knownMerchantIds, type StorefrontDeps } from './storefront-deps.js';

export interface AttributionRequest extends CartClaim {
  fbuy?: string | undefined;
  referralCode?: string | undefined;
  visitorStatus?: SignedVisitorStatus | undefined;
  /** When the kit saw the landing (it may post later, once a cart exists). */
  landedAt?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  /** The storefront's own device id (e.g. a first-party cookie); Friendbuy's global id stands in without one. */
  deviceId?: string | undefined;
}

export interface AttributionResult extends Attribution {
  cartId: string;
  /** False when the cart already carried this attribution. */
  changed: boolean;
}

const visitorClaimsSchema = z.looseObject({
  attributionId: z.string().max(200).optional(),
  referralCode: z.string().max(200).optional(),
  referralCodeBlocked: z.boolean().optional(),
  isSelfReferral: z.boolean().optional(),
});

export async function captureAttribution(
  deps: StorefrontDeps,
  request: AttributionRequest,
): Promise<AttributionResult> {
  if (!request.fbuy && !request.referralCode && !request.visitorStatus)
    throw new CodedError('BadRequest', 'fbuy, referralCode or visitorStatus is required');
  const now = deps.clock.now();
  const maxAgeSeconds = deps.config.storefront.fbuyMaxAgeHours * 3600;
  const fbuy = request.fbuy ? verifiedFbuy(deps, request.fbuy, now, maxAgeSeconds) : undefined;
  const attribution = resolveAttribution({
    fbuy,
    visitorStatus: request.visitorStatus ? verifiedVisitorStatus(deps, request.visitorStatus) : undefined,
    referralCodeParam: request.referralCode,
  });
  if (!attribution.attributionId && !attribution.referralCode)
    throw new CodedError('NoAttribution', `nothing to attribute: ${attribution.ignored.join('; ')}`);

  const proof = await ownershipProof(deps, request);
  const landing = {
    ipAddress: request.ipAddress,
    userAgent: request.userAgent?.slice(0, 512),
    deviceHash: deviceHashOf(request.deviceId?.trim() || fbuy?.globalId || undefined, deps.config.hashKey),
    at: landingTime(request.landedAt ? new Date(request.landedAt) : undefined, now, maxAgeSeconds),
  };
  const types = deps.customTypes.order;
  const { changed } = await updateOwnedCart(deps, request.cart.id, proof, (cart) => {
    const fields = cart.custom?.fields ?? {};
    const changes = cartAttributionChanges(
      {
        attributionId: stringField(fields[ORDER_FIELDS.attributionId]),
        referralCode: stringField(fields[ORDER_FIELDS.referralCode]),
      },
      attribution,
      landing,
    );
    if (!changes) return [];
    return customFieldActions(cart, types.key, types.id, {
      [ORDER_FIELDS.attributionId]: changes.attributionId,
      [ORDER_FIELDS.referralCode]: changes.referralCode,
      [ORDER_FIELDS.ipAddress]: changes.ipAddress,
      [ORDER_FIELDS.userAgent]: changes.userAgent,
      [ORDER_FIELDS.landingAt]: changes.landingAt,
      [ORDER_FIELDS.deviceHash]: changes.deviceHash,
    }) as CartUpdateAction[];
  });
  deps.logger.info(
    {
      cartId: request.cart.id,
      attributionId: attribution.attributionId,
      changed,
      ignored: attribution.ignored,
    },
    'referral attribution captured',
  );
  return { cartId: request.cart.id, ...attribution, changed };
}

function verifiedFbuy(deps: StorefrontDeps, token: string, now: Date, maxAgeSeconds: number): FbuyClaims {
  const result = verifyFbuyToken(token, deps.fbuyKey, {
    now,
    maxAgeSeconds,
    merchantIds: knownMerchantIds(deps),
  });
  if (!result.ok) throw new CodedError('InvalidFbuy', `fbuy: ${result.reason}`);
  return result.claims;
}

function verifiedVisitorStatus(deps: StorefrontDeps, status: SignedVisitorStatus): VisitorStatusClaims {
  const result = verifyVisitorStatus(status, deps.config.friendbuy.secretKey);
  if (!result.ok) throw new CodedError('InvalidVisitorStatus', `visitorStatus.signature: ${result.reason}`);
  const claims = visitorClaimsSchema.safeParse(result.payload);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    throw new CodedError(
      'InvalidVisitorStatus',
      `visitorStatus.payload.${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return claims.data;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Only compared, never shown: the cart and order carry the keyed hash, not the device id.
function deviceHashOf(deviceId: string | undefined, hashKey: string): string | undefined {
  return deviceId ? hashIdentifier('device', deviceId, hashKey) : undefined;
}
