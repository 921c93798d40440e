// The emulated Friendbuy's side of a referral landing: following a referral link issues an `fbuy` token signed
// with a sandbox RSA key (generated at start; the connector verifies with its public half), and the emulated
// friendbuy.js asks for the visitor status, signed with the account Secret Key like Friendbuy's.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { fbuyPublicKey, signFbuyToken, verifyFbuyToken } from '../../friendbuy/fbuy-token.js';
import { signBody } from '../../friendbuy/signature.js';
import { SANDBOX_FRIEND_COUPON } from '../demo-coupon.js';
import type { Directory } from './directory.js';

export interface LandingOptions {
  merchantId: string;
  secretKey: string;
  now: () => Date;
  directory: Directory;
}

interface Visit {
  attributionId: string;
  referralCode: string;
  campaignId?: string | undefined;
  advocate?: { customerId?: string | undefined; firstName?: string | undefined } | undefined;
  advocateEmail?: string | undefined;
  clickedAt: string;
  destinationUrl: string;
}

/** A call the emulated friendbuy.js made (`track`, `auth`, …), for the sandbox's eyes and for tests. */
export interface SdkEvent {
  command: string;
  args: unknown[];
  /** For `auth`: whether the signature is the Secret Key's HMAC of the auth string. */
  verified?: boolean;
  receivedAt: string;
}

export type Landing = ReturnType<typeof createLanding>;

export function createLanding(options: LandingOptions) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const verifyKey = fbuyPublicKey(publicKeyPem);
  const visits = new Map<string, Visit>();
  let events: SdkEvent[] = [];

  return {
    publicKeyPem,

    /** A click on an advocate's link: a new attribution, and the token Friendbuy appends to the shop URL. */
    followReferralLink(
      referralCode: string,
      domain: string,
      destinationUrl = '',
    ): { fbuy: string; attributionId: string } {
      const attributionId = randomUUID();
      const link = options.directory.linkByCode(referralCode);
      visits.set(attributionId, {
        attributionId,
        referralCode,
        campaignId: link?.campaignId,
        advocate: link ? { customerId: link.customerId } : undefined,
        advocateEmail: link?.email,
        clickedAt: options.now().toISOString(),
        destinationUrl,
      });
      const claims = {
        merchantId: options.merchantId,
        profileId: randomUUID(),
        globalId: randomUUID(),
        attributionId,
        domain,
        epoch: Math.floor(options.now().getTime() / 1000),
      };
      return { fbuy: signFbuyToken(claims, privateKey), attributionId };
    },

    /**
     * What `getVisitorStatus` answers for the visitor holding this token. The friend's coupon travels beside the
     * signed payload (`friendIncentive`, emulator only): real Friendbuy delivers it through its widgets.
     */
    visitorStatus(fbuy: string | undefined) {
      const checked = fbuy
        ? verifyFbuyToken(fbuy, verifyKey, {
            now: options.now(),
            maxAgeSeconds: 366 * 86_400,
            merchantIds: [options.merchantId],
          })
        : undefined;
      const visit = checked?.ok ? visits.get(checked.claims.attributionId) : undefined;
      const payload = visit
        ? {
            attributionId: visit.attributionId,
            campaignId: visit.campaignId,
            referralCode: visit.referralCode,
            referralCodeBlocked: false,
            isSelfReferral: false,
            advocate: visit.advocate,
          }
        : { referralCodeBlocked: false, isSelfReferral: false };
      return {
        status: 'success',
        payload,
        signature: signBody(JSON.stringify(payload), options.secretKey),
        ...(visit ? { friendIncentive: { couponCode: SANDBOX_FRIEND_COUPON } } : {}),
      };
    },

    recordSdkEvent(command: string, args: unknown[]): SdkEvent {
      const event: SdkEvent = { command, args, receivedAt: options.now().toISOString() };
      if (command === 'auth') {
        const [authString, signature] = args;
        const expected = signBody(String(authString), options.secretKey);
        // Customer auth is hex, not Base64: compare the HMAC bytes.
        event.verified = Buffer.from(expected, 'base64').toString('hex') === signature;
      }
      events.push(event);
      return event;
    },

    /** The referral code a click came through, by its attribution id (purchases carry it; rewards need it). */
    referralCodeOf: (attributionId: string): string | undefined => visits.get(attributionId)?.referralCode,

    /** Clicks as `/v1/analytics/clicks` lists them (reference §2.7): one row per followed referral link. */
    clickRows: (): (Record<string, unknown> & { createdOn: string })[] =>
      [...visits.values()].map((visit) => ({
        createdOn: visit.clickedAt,
        referralCode: visit.referralCode,
        campaignId: visit.campaignId,
        advocateEmail: visit.advocateEmail,
        advocateCustomerId: visit.advocate?.customerId,
        channel: 'purl',
        destinationUrl: visit.destinationUrl,
      })),

    sdkEvents: (): SdkEvent[] => events.map((event) => ({ ...event })),
    clearSdkEvents: () => {
      events = [];
    },
  };
}
