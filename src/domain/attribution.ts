// Referral attribution captured on a storefront landing: the claims inside Friendbuy's `fbuy` token, how fresh
// they must be, and which values end up on the shopper's cart. Pure: verification of signatures happens in
// `friendbuy/`, time and request facts are passed in.

/** The `fbuy` payload: `merchantId:profileId:globalId:attributionId:domain:epoch:customerId:email` (§4.5). */
export interface FbuyClaims {
  merchantId: string;
  profileId: string;
  globalId: string;
  attributionId: string;
  domain: string;
  /** When the referral link was followed, epoch seconds. */
  epoch: number;
  /** The clicker's identity when Friendbuy knows it; often empty. */
  customerId?: string | undefined;
  email?: string | undefined;
}

/**
 * Reads the colon-separated payload. The first four and the last three fields are fixed, so a domain with a
 * port (`shop.example:8443`) still parses. Epochs above 10^11 are taken as milliseconds: Friendbuy does not say
 * which unit it uses.
 *
 * @example parseFbuyPayload('m:p:g:a:shop.example:1700000000::') // { merchantId: 'm', …, epoch: 1700000000 }
 */
export function parseFbuyPayload(text: string): FbuyClaims | undefined {
  const parts = text.split(':');
  if (parts.length < 8) return undefined;
  const [merchantId, profileId, globalId, attributionId] = parts;
  const [epochText, customerId, email] = parts.slice(-3);
  const domain = parts.slice(4, -3).join(':');
  if (!merchantId || !attributionId || !epochText || !/^\d{1,16}$/.test(epochText)) return undefined;
  const rawEpoch = Number(epochText);
  return {
    merchantId,
    profileId: profileId ?? '',
    globalId: globalId ?? '',
    attributionId,
    domain,
    epoch: rawEpoch > 1e11 ? Math.floor(rawEpoch / 1000) : rawEpoch,
    customerId: customerId || undefined,
    email: email || undefined,
  };
}

export function formatFbuyPayload(claims: FbuyClaims): string {
  const { merchantId, profileId, globalId, attributionId, domain, epoch } = claims;
  return [merchantId, profileId, globalId, attributionId, domain, epoch, claims.customerId, claims.email]
    .map((part) => part ?? '')
    .join(':');
}

/** Clocks disagree a little between Friendbuy and us; more than this in the future is a made-up token. */
export const FBUY_FUTURE_SKEW_SECONDS = 300;

/** Why a token of this age is refused, or undefined when it is fresh enough. */
export function fbuyAgeProblem(epoch: number, nowSeconds: number, maxAgeSeconds: number): string | undefined {
  if (epoch > nowSeconds + FBUY_FUTURE_SKEW_SECONDS) return 'issued in the future';
  if (nowSeconds - epoch > maxAgeSeconds) return 'expired';
  return undefined;
}

/** What Friendbuy's visitor status tells about the visitor, after its signature was checked. */
export interface VisitorStatusClaims {
  attributionId?: string | undefined;
  referralCode?: string | undefined;
  referralCodeBlocked?: boolean | undefined;
  isSelfReferral?: boolean | undefined;
}

export interface AttributionInput {
  fbuy?: FbuyClaims | undefined;
  visitorStatus?: VisitorStatusClaims | undefined;
  /** From the landing URL: unsigned, so it only counts when nothing signed names a code. */
  referralCodeParam?: string | undefined;
}

export interface Attribution {
  attributionId?: string | undefined;
  referralCode?: string | undefined;
  /** Inputs that were present but not used, with the reason (returned to the caller, never silently dropped). */
  ignored: string[];
}

/**
 * The attribution a landing proves. Signed sources win over the URL: the `fbuy` token's attribution id, then
 * visitor status; visitor status's referral code, then the URL parameter. A code Friendbuy marks as blocked is
 * not used.
 */
export function resolveAttribution(input: AttributionInput): Attribution {
  const ignored: string[] = [];
  const status = input.visitorStatus;
  let statusCode = status?.referralCode;
  if (statusCode && status?.referralCodeBlocked) {
    ignored.push('visitorStatus.payload.referralCode: blocked by Friendbuy');
    statusCode = undefined;
  }
  let paramCode = input.referralCodeParam;
  if (paramCode && statusCode && paramCode.toLowerCase() !== statusCode.toLowerCase()) {
    ignored.push('referralCode: differs from the signed visitor status');
    paramCode = undefined;
  }
  return {
    attributionId: input.fbuy?.attributionId || status?.attributionId || undefined,
    referralCode: statusCode || paramCode || undefined,
    ignored,
  };
}

/**
 * The landing time to record: the kit's own record of when the shopper landed (it may post later, once a cart
 * exists), unless that is implausible: in the future or older than the attribution window.
 */
export function landingTime(claimed: Date | undefined, now: Date, maxAgeSeconds: number): Date {
  if (!claimed || Number.isNaN(claimed.getTime())) return now;
  const ageMs = now.getTime() - claimed.getTime();
  if (ageMs < 0 || ageMs > maxAgeSeconds * 1000) return now;
  return claimed;
}

export interface CartAttribution {
  attributionId?: string | undefined;
  referralCode?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  landingAt?: string | undefined;
  /** Keyed hash of the shopper's device (the kit's device id, else Friendbuy's browser-wide global id). */
  deviceHash?: string | undefined;
}

/**
 * What to write on the cart, or undefined when it already carries this attribution. Re-posting the same
 * attribution (the kit does so on every page of a session) therefore leaves the first landing's facts alone.
 * A value the new landing does not have is left as it is on the cart.
 */
export function cartAttributionChanges(
  current: Pick<CartAttribution, 'attributionId' | 'referralCode'>,
  attribution: Attribution,
  landing: {
    ipAddress?: string | undefined;
    userAgent?: string | undefined;
    deviceHash?: string | undefined;
    at: Date;
  },
): CartAttribution | undefined {
  const sameId = !attribution.attributionId || attribution.attributionId === current.attributionId;
  const sameCode =
    !attribution.referralCode ||
    attribution.referralCode.toLowerCase() === current.referralCode?.toLowerCase();
  if (sameId && sameCode) return undefined;
  return {
    attributionId: attribution.attributionId,
    referralCode: attribution.referralCode,
    ipAddress: landing.ipAddress,
    userAgent: landing.userAgent,
    landingAt: landing.at.toISOString(),
    deviceHash: landing.deviceHash,
  };
}
